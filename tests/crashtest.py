#!/usr/bin/env python3
"""crashtest.py - `make crashtest`: kill QEMU in the middle of file system
work and check the easy-fs image it leaves.

For an arch it builds a chapter (default the highest) with
INIT=crashtest (user/src/crashtest.c) on a fresh easy-fs image, and KILLS
times: boots it, starts the workload (which prints each operation before
and after its system call), SIGKILLs QEMU's process group at a random
moment (from the seed, which is printed), then checks a copy of the image:
  - fsck-easyfs -r (the log replayed, as the next mount would) says clean;
  - the files and directories are exactly those after some operation j of
    the workload (rebuilt from the console: the bytes of each write come
    from its seed), with j no earlier than the last close that returned
    (closing a written file commits: it and all before it are on the
    disk) and no later than the last operation begun: so every closed
    file holds exactly its bytes, and the operation in flight is wholly
    there or wholly absent.
The next boot uses the image as the kill left it (its mount replays the
log) and works in a new directory; the rest of the image must be as the
previous check found it. Prints a PASS/FAIL line per kill, then
"N passed, N failed"; exit 0 only if all passed.

Usage: tests/crashtest.py [--arch A] [--kills N] [--seed S] [--chapter C]
`make test` runs a short form in chapter 6 through entry() (tests/expect/ch6.py).
"""
import argparse
import fcntl
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

KNOBS = ["FS=easyfs", "INIT=crashtest"]
FSCK = os.path.join(run.TOP, "build", "host", "fsck-easyfs")
PROMPT = "crashtest: steps and seed?"
OP = re.compile(r"^ct: op (\d+) (\w+) (\S+)(?: (\S+))?(?: (\S+))?$", re.M)
OK = re.compile(r"^ct: ok (\d+)$", re.M)
BSIZE = 512
DIR = "dir"


def gen(n, seed):
    """The bytes of a write (user/src/crashtest.c gen())."""
    out = bytearray(n)
    for i in range(n):
        seed = (seed * 1103515245 + 12345) & 0xFFFFFFFF
        out[i] = (seed >> 16) & 0xFF
    return bytes(out)


# ---- reading an easy-fs image (kernel/fs/easyfs_format.h) ----

def read_tree(path):
    """{path: DIR or (ino, bytes)} of every name in the image."""
    with open(path, "rb") as f:
        img = f.read()
    _, _, ibb, iab, dbb, _ = struct.unpack_from("<6I", img, 0)
    inode_start = 1 + ibb

    def block(n):
        return img[n * BSIZE:(n + 1) * BSIZE]

    def index(b, i):
        return struct.unpack_from("<I", block(b), i * 4)[0]

    def dinode(ino):
        off = (inode_start + ino // 4) * BSIZE + (ino % 4) * 128
        v = struct.unpack_from("<I28IIII", img, off)
        return v[0], v[1:29], v[29], v[30], v[31]

    def data(ino):
        size, direct, ind1, ind2, _ = dinode(ino)
        out = bytearray()
        for i in range((size + BSIZE - 1) // BSIZE):
            if i < 28:
                b = direct[i]
            elif i < 156:
                b = index(ind1, i - 28)
            else:
                j = i - 156
                b = index(index(ind2, j // 128), j % 128)
            out += block(b)
        return bytes(out[:size])

    tree = {}

    def walk(ino, prefix):
        d = data(ino)
        for k in range(len(d) // 32):
            name = d[k * 32:k * 32 + 28].split(b"\0")[0].decode()
            child = struct.unpack_from("<I", d, k * 32 + 28)[0]
            p = prefix + "/" + name
            if dinode(child)[4] == 1:
                tree[p] = DIR
                walk(child, p)
            else:
                tree[p] = (child, data(child))

    walk(0, "")
    return tree


def contents(tree):
    """The tree without inode numbers: {path: DIR or bytes}."""
    return {p: v if v == DIR else v[1] for p, v in tree.items()}


# ---- the states the workload went through ----

def states(start, out):
    """[(op number, {path: DIR or bytes})]: the state before the first
    operation (number 0) and after each one printed in `out`."""
    names = {p: (DIR if v == DIR else ("disk", v[0])) for p, v in start.items()}
    data = {("disk", v[0]): v[1] for v in start.values() if v != DIR}
    snap = lambda: {p: (DIR if i == DIR else data[i]) for p, i in names.items()}  # noqa: E731
    result = [(0, snap())]
    for m in OP.finditer(out):
        n, kind, a, b, c = int(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5)
        if kind in ("mkdir",):
            names[a] = DIR
        elif kind == "rmdir":
            del names[a]
        elif kind == "create":
            if a in names:
                data[names[a]] = b""
            else:
                names[a] = ("new", n)
                data[names[a]] = b""
        elif kind == "write":
            data[names[a]] = data[names[a]] + gen(int(b), int(c))
        elif kind == "unlink":
            del names[a]
        elif kind == "link":
            names[b] = names[a]
        elif kind != "close":
            raise ValueError(f"unknown operation {kind}")
        result.append((n, snap()))
    return result


def last_durable(out):
    """The number of the last close that returned (0 if none)."""
    closes = {int(m.group(1)) for m in OP.finditer(out) if m.group(2) == "close"}
    done = [int(m.group(1)) for m in OK.finditer(out) if int(m.group(1)) in closes]
    return max(done, default=0)


def check_image(disk, start, out, whole, keep=None):
    """Check a copy of `disk` against the workload's console `out`, which
    began on the tree `start`: (ok, description, tree found). `whole`: the
    workload finished, so the disk must be the state after its last op."""
    out = out[:out.rfind("\n") + 1]  # a line cut short by the kill says nothing
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "disk.img")
        shutil.copy(disk, copy)
        if keep is not None:  # the image as the kill left it, kept if the check fails
            shutil.copy(disk, keep)
        p = subprocess.run([FSCK, "-r", copy], capture_output=True, text=True)
        report = (p.stdout + p.stderr).strip().replace("\n", "; ")
        if p.returncode != 0:
            return False, f"fsck-easyfs -r: {report[-400:]}", None
        try:
            tree = read_tree(copy)
        except (struct.error, IndexError, UnicodeDecodeError) as e:
            return False, f"the image cannot be read: {e}", None
    found = contents(tree)
    seq = states(start, out)
    low = seq[-1][0] if whole else last_durable(out)
    ok_states = [n for n, s in seq if n >= low and s == found]
    replayed = "replayed" in report
    log = " (log replayed)" if replayed else ""
    if ok_states:
        return True, (f"{len(seq) - 1} ops, last durable {low}: the disk is the state "
                      f"after op {ok_states[-1]}{log}"), tree
    # say how it differs from the last durable state
    want = dict(seq)[low] if low in dict(seq) else seq[0][1]
    def show(v):
        return "missing" if v is None else "dir" if v == DIR else f"{len(v)} bytes"

    diff = [f"{p}: want {show(want.get(p))}, found {show(found.get(p))}"
            for p in sorted(set(want) | set(found)) if want.get(p) != found.get(p)]
    return False, (f"{len(seq) - 1} ops, last durable {low}: the disk matches no state "
                   f"from op {low} on; against op {low}, these differ: {diff[:8]}"), tree


# ---- boots ----

def wait_gone(pgid, seconds=20):
    """Wait until every process of group `pgid` is gone: the shell that
    ran QEMU is, but QEMU's own writes may still land until it is too."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


def wait_still(path, quiet=1.0, seconds=20):
    """Wait until `path` has not changed for `quiet` s (its modification
    time): the check must see the image as the next boot will."""
    deadline = time.time() + seconds
    last, since = os.stat(path).st_mtime_ns, time.time()
    while time.time() < deadline:
        time.sleep(0.1)
        now = os.stat(path).st_mtime_ns
        if now != last:
            last, since = now, time.time()
        elif time.time() - since >= quiet:
            return True
    return False


def kill_feed(seed, delay, steps=0):
    """A boot() feed: start the workload, and kill QEMU `delay` s after it
    starts (steps 0: it runs until then)."""
    def feed(proc, text):
        deadline = time.time() + 60
        while PROMPT not in text():
            if time.time() > deadline or proc.poll() is not None:
                return
            time.sleep(0.02)
        proc.stdin.write(f"{steps} {seed}\n".encode())
        proc.stdin.flush()
        if delay is None:
            return
        while "crashtest: start" not in text():
            if time.time() > deadline or proc.poll() is not None:
                return
            time.sleep(0.01)
        time.sleep(delay)
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass
        feed.pgid = proc.pid
    return feed


def prepare(arch, chapter):
    """Build, make a fresh image; (qemu command, disk path, build dir) or None."""
    if run.make(arch, chapter, "build", extra=KNOBS).returncode != 0:
        return None
    if run.make(arch, chapter, "disk", extra=KNOBS).returncode != 0:
        return None
    cmd = run.make(arch, chapter, "qemu-cmd", extra=KNOBS).stdout.strip()
    disk = os.path.join(run.TOP, run.make(arch, chapter, "print-disk",
                                          extra=KNOBS).stdout.strip())
    build = os.path.join(run.TOP, run.make(arch, chapter, "print-build",
                                           extra=KNOBS).stdout.strip())
    return cmd, disk, build


def kills(arch, chapter, n, seed, cmd, disk, build):
    """n kill rounds on `disk`: [(ok, description)]; the tree left in
    kills.tree."""
    rnd = random.Random(seed)
    results = []
    subprocess.run(["make", "-s", "-C", os.path.join(run.TOP, "fs-image"),
                    "OUT=" + os.path.dirname(FSCK)], capture_output=True)
    tree = read_tree(disk)
    for k in range(1, n + 1):
        delay = rnd.uniform(0.05, 2.0)
        wseed = rnd.randrange(1, 1 << 31)
        log = os.path.join(build, f"crashtest-{k}.log")
        feed = kill_feed(wseed, delay)
        status, out = run.boot(cmd, log, 90, feed=feed, silence=60)
        if hasattr(feed, "pgid") and not wait_gone(feed.pgid):
            results.append((False, f"crashtest {arch}: QEMU outlived SIGKILL for 20 s"))
            break
        if not wait_still(disk):
            results.append((False, f"crashtest {arch}: the image kept changing after the kill"))
            break
        name = f"crashtest {arch} ch{chapter} kill {k}/{n} (workload seed {wseed}, " \
               f"{delay:.2f} s)"
        bad = re.search(r"PANIC|Panicked at|^ct: FAIL.*$", out, re.M)
        if bad:
            results.append((False, f"{name}: {bad.group(0)} (log {os.path.relpath(log)})"))
            continue
        if "crashtest: start" not in out:
            results.append((False, f"{name}: the workload never started (status {status}, "
                            f"log {os.path.relpath(log)})"))
            continue
        keep = os.path.join(build, f"crashtest-{k}.img")
        ok, why, found = check_image(disk, tree, out, whole=False, keep=keep)
        if ok:
            os.remove(keep)
        else:
            why += f"; the image as left: {os.path.relpath(keep)}"
        results.append((ok, f"{name}: {why}" + ("" if ok else f" (log {os.path.relpath(log)})")))
        if found is None:
            break  # the image is broken: the next rounds would say nothing more
        tree = found
    kills.tree = tree
    return results


def entry(arch, chapter=6, kill_count=3, seed=1, steps=40):
    """A run of tests/expect/ch6.py runs(): kill_count kills (prepare, on
    the run's fresh image), then the run's own boot works `steps` steps to
    the end on the same image, whose disk must then be exactly the
    workload's last state."""
    done = {}

    def before(disk):
        cmd = run.make(arch, chapter, "qemu-cmd", extra=KNOBS).stdout.strip()
        build = os.path.join(run.TOP, run.make(arch, chapter, "print-build",
                                               extra=KNOBS).stdout.strip())
        try:
            done["results"] = kills(arch, chapter, kill_count, seed, cmd, disk, build)
            done["tree"] = kills.tree
        except Exception as e:  # noqa: BLE001 - reported as a failed check, not a crash
            done["results"] = [(False, f"crashtest: {type(e).__name__}: {e}")]

    def checks(out, disk):
        results = [(ok, desc.split(": ", 1)[0].split(" (")[0].replace(
            f"crashtest {arch} ch{chapter} ", "") + ": " + desc.split(": ", 1)[1])
            for ok, desc in done.get("results", [])]
        if "tree" in done:
            ok, why, _ = check_image(disk, done["tree"], out, whole=True)
            results.append((ok, f"after the kills, {steps} steps to the end: {why}"))
        return results

    return {"name": f"crashtest seed {seed}", "knobs": KNOBS, "prepare": before,
            "expect": [], "forbid": [r"PANIC|Panicked at", r"^ct: FAIL"],
            "session": [("expect", r"^crashtest: steps and seed\?$"),
                        ("send", f"{steps} {seed}\n"),
                        ("expect", rf"^crashtest: {steps} steps done")],
            "checks": checks, "timeout": 120}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", default="riscv64")
    ap.add_argument("--chapter", type=int, default=None)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    chapter = args.chapter or max(run.implemented_chapters().get(args.arch, [6]))
    seed = args.seed if args.seed is not None else random.randrange(1, 1 << 31)
    print(f"crashtest: {args.arch} chapter {chapter}, {args.kills} kills, seed {seed} "
          f"(again: make crashtest ARCH={args.arch} SEED={seed})")
    # one crash test per arch and chapter at a time: two would spoil each other's image
    os.makedirs(os.path.join(run.TOP, "build"), exist_ok=True)
    lock = open(os.path.join(run.TOP, "build", f"crashtest-{args.arch}-ch{chapter}.lock"), "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print(f"FAIL  crashtest {args.arch}: another crash test of chapter {chapter} is running")
        print("0 passed, 1 failed")
        return 1
    got = prepare(args.arch, chapter)
    if got is None:
        print(f"FAIL  crashtest {args.arch}: build or disk image failed")
        print("0 passed, 1 failed")
        return 1
    results = kills(args.arch, chapter, args.kills, seed, *got)
    passed = sum(1 for ok, _ in results if ok)
    for ok, desc in results:
        print(f"{'PASS' if ok else 'FAIL'}  {desc}")
    failed = len(results) - passed + (args.kills - len(results))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
