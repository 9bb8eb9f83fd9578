#!/usr/bin/env python3
"""fuzz.py - `make fuzz`: run the in-guest system call fuzzer and check the
kernel survived it.

For each arch (default all four) it builds the highest chapter with
INIT=fuzz (user/src/fuzz.c), and for each seed boots it on a fresh easy-fs
image, types "SEED CALLS [PARALLEL]" at the fuzzer's prompt, and checks:
  - no panic, and the watchdog saw no hang (no console output for --silence s);
  - QEMU exited by itself with success (the fuzzer exits 1 if a child
    ended otherwise than its replayed stream says);
  - the summary line "fuzz: seed S: N calls in K children, done" with N = CALLS;
  - the free frames at the end equal those at boot (no leak);
  - the image is clean for build/host/fsck-easyfs.
A failing seed is printed with the command that replays it. Per arch, a
summary: calls, seeds, panics, hangs, leaks, fsck failures, wall time.

Usage: tests/fuzz.py [--arch A ...] [--seeds 1-3|1,5,9|7] [--calls N]
                     [--parallel P] [--silence S]
`make test` runs a short fixed-seed fuzz per arch through entry() (see
tests/expect/ch6.py).
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

KNOBS = ["FS=easyfs", "INIT=fuzz"]
PROMPT = r"^fuzz: seed and calls\?$"
SUMMARY = r"^fuzz: seed (\d+): (\d+) calls in (\d+) children, (\w+)$"
FREE = r"^\[kernel\] free frames: (\d+) at boot, (\d+) now$"
PANIC = r"PANIC|Panicked at"
SILENCE = 30  # the fuzzer reports every child: 30 s of silence is a hang
FSCK = os.path.join(run.TOP, "build", "host", "fsck-easyfs")


def session(seed, calls, parallel=0):
    line = f"{seed} {calls}" + (f" {parallel}" if parallel else "")
    return [("expect", PROMPT), ("send", line + "\n")]


def timeout_for(calls):
    """Seconds a run may take: boot, plus 100 calls a second at the slowest."""
    return 120 + calls // 100


def verdicts(out, disk, seed, calls):
    """{what: (ok, description)} for one run's console and image."""
    v = {}
    m = re.search(PANIC, out)
    v["panic"] = (m is None, "no panic" + (f" (found {m.group(0)!r})" if m else ""))
    m = ([None] + list(re.finditer(SUMMARY, out, re.M)))[-1]  # the supervisor's: the last
    if m is None:
        v["summary"] = (False, "summary line printed")
    else:
        ok = int(m.group(1)) == seed and int(m.group(2)) == calls and m.group(4) == "done"
        v["summary"] = (ok, f"summary: {m.group(0)!r} (want seed {seed}, {calls} calls, done)")
    bad = re.findall(r"^.*UNEXPECTED.*$", out, re.M)
    v["unexpected"] = (not bad, "every child ended as its stream says" +
                       (f" (first: {bad[0]!r})" if bad else ""))
    m = re.search(FREE, out, re.M)
    if m is None:
        v["frames"] = (False, "free-frame report printed")
    else:
        before, after = int(m.group(1)), int(m.group(2))
        v["leak"] = (before == after and before > 0,
                     f"no frames leaked (free at boot {before}, at the end {after})")
    p = subprocess.run([FSCK, disk], capture_output=True, text=True)
    last = (p.stdout + p.stderr).strip().splitlines()[-1:] or [""]
    v["fsck"] = (p.returncode == 0, f"fsck-easyfs: image is consistent ({last[0][-160:]})")
    return v


def entry(seed, calls, timeout=None):
    """A run of tests/expect/ch6.py runs(): a short fuzz inside `make test`."""
    return {
        "name": f"fuzz seed {seed}",
        "knobs": KNOBS,
        "session": session(seed, calls),
        "expect": [],
        "forbid": [PANIC],
        "checks": lambda out, disk: [v for k, v in verdicts(out, disk, seed, calls).items()
                                     if k != "panic"],
        "timeout": timeout or timeout_for(calls),
        "silence": SILENCE,
    }


def parse_seeds(text):
    """"7" (one seed), "1-100" (a range: that many seeds) or "1,5,9" (a list)."""
    seeds = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)-(\d+)", part)
        if m:
            seeds += range(int(m.group(1)), int(m.group(2)) + 1)
        elif part.isdigit():
            seeds.append(int(part))
        else:
            raise SystemExit(f"fuzz.py: SEEDS={text!r}: want 7, 1-100 or 1,5,9")
    return seeds


def replay(arch, seed, calls, parallel):
    return (f"make fuzz ARCH={arch} SEEDS={seed} CALLS={calls}" +
            (f" PARALLEL={parallel}" if parallel else ""))


def fuzz_arch(arch, seeds, calls, parallel, silence):
    """Run every seed on `arch`; return its tally."""
    t = {"arch": arch, "calls": 0, "seeds": 0, "failed": 0, "panics": 0, "hangs": 0,
         "leaks": 0, "fsck": 0, "wall": 0.0, "replays": []}
    start = time.time()
    chapter = run.implemented_chapters()[arch][-1]
    if chapter < 6:
        print(f"SKIP  {arch} fuzz  -- needs chapter 6 (highest here: {chapter})")
        return None
    b = run.make(arch, chapter, "build", extra=KNOBS)
    if b.returncode != 0:
        print((b.stdout + b.stderr)[-3000:])
        print(f"FAIL  {arch} fuzz: build")
        t["failed"] += 1
        return t
    cmd = run.make(arch, chapter, "qemu-cmd", extra=KNOBS).stdout.strip()
    build_dir = run.make(arch, chapter, "print-build", extra=KNOBS).stdout.strip()
    for seed in seeds:
        d = run.make(arch, chapter, "disk", extra=KNOBS)
        disk = os.path.join(run.TOP, run.make(arch, chapter, "print-disk",
                                              extra=KNOBS).stdout.strip())
        if d.returncode != 0:
            print(f"FAIL  {arch} fuzz seed {seed}: fresh disk image  -- {d.stderr[-300:]}")
            t["failed"] += 1
            continue
        log = os.path.join(run.TOP, build_dir, f"fuzz-seed{seed}.log")
        driver = run.Session(session(seed, calls, parallel), step_timeout=120)
        began = time.time()
        status, out = run.boot(cmd, log, timeout_for(calls), feed=driver, silence=silence)
        took = time.time() - began
        v = verdicts(out, disk, seed, calls)
        if status == run.HANG:
            v["hang"] = (False, f"no console output for {silence} s")
        elif status is None:
            v["hang"] = (False, f"still running after {timeout_for(calls)} s")
        else:
            v["exit"] = (status == 0, f"QEMU exit status 0 (got {status})")
        v.update({f"console {i}": r for i, r in enumerate(driver.results)})
        t["seeds"] += 1
        m = ([None] + list(re.finditer(SUMMARY, out, re.M)))[-1]
        if m:
            t["calls"] += int(m.group(2))
        bad = [desc for ok, desc in v.values() if not ok]
        for key, tally in (("panic", "panics"), ("hang", "hangs"), ("leak", "leaks"),
                           ("fsck", "fsck")):
            if key in v and not v[key][0]:
                t[tally] += 1
        if bad:
            t["failed"] += 1
            t["replays"].append(replay(arch, seed, calls, parallel))
            word = "HANG" if "hang" in v and not v["hang"][0] else "FAIL"
            print(f"{word}  {arch} fuzz seed {seed}: " + "; ".join(bad), flush=True)
            print(f"      replay: {replay(arch, seed, calls, parallel)}")
            print(f"      console log: {os.path.relpath(log, run.TOP)}", flush=True)
        else:
            print(f"PASS  {arch} fuzz seed {seed}: {calls} calls in {took:.1f}s "
                  f"({calls / took:.0f} calls/s), no panic, no hang, no leak, fsck clean",
                  flush=True)
    t["wall"] = time.time() - start
    return t


def main():
    ap = argparse.ArgumentParser(description="Run the in-guest system call fuzzer.")
    ap.add_argument("--arch", action="append", choices=run.ARCHES)
    ap.add_argument("--seeds", default="1-3", help="7, 1-100 or 1,5,9 (default 1-3)")
    ap.add_argument("--calls", type=int, default=20000, help="calls per seed (default 20000)")
    ap.add_argument("--parallel", type=int, default=0,
                    help="children at a time (default: the fuzzer's, 4)")
    ap.add_argument("--silence", type=int, default=SILENCE,
                    help=f"watchdog: seconds without output that make a hang ({SILENCE})")
    args = ap.parse_args()
    seeds = parse_seeds(args.seeds)
    tallies = []
    for arch in args.arch or run.ARCHES:
        t = fuzz_arch(arch, seeds, args.calls, args.parallel, args.silence)
        if t is not None:
            tallies.append(t)
    print(f"\n{'arch':<12} {'calls':>9} {'seeds':>5} {'failed':>6} {'panics':>6} "
          f"{'hangs':>5} {'leaks':>5} {'fsck':>5} {'wall':>8}")
    for t in tallies:
        print(f"{t['arch']:<12} {t['calls']:>9} {t['seeds']:>5} {t['failed']:>6} "
              f"{t['panics']:>6} {t['hangs']:>5} {t['leaks']:>5} {t['fsck']:>5} "
              f"{t['wall']:>7.0f}s")
    replays = [r for t in tallies for r in t["replays"]]
    if replays:
        print("\nfailing seeds; replay with:")
        for r in replays:
            print(f"  {r}")
    return 1 if replays or any(t["failed"] for t in tallies) or not tallies else 0


if __name__ == "__main__":
    sys.exit(main())
