#!/usr/bin/env python3
"""bench.py - `make bench`: boot each arch, run the benchmark programs, and
print one table (rows: benchmarks, columns: arches).

For each arch, at its highest chapter:
  - boot time: host wall clock from starting QEMU to the shell's prompt;
  - INIT=bench (chapter 5+): the bare trap (a trap the hal's entry returns
    from at once: the floor), null syscall and its ratio to that floor,
    yield round trip, fork+exit+wait, fork+exec+wait, mmap/touch/munmap;
  - INIT=bench_fs on easy-fs and on FAT (chapter 6+): 4 MiB write and read,
    create+delete of small files: 200 in the root, then 3 000 in one new
    directory (create_delete_3000).
  - INIT=bench_pipe (chapter 7+): pipe_roundtrip, one byte to a child and
    back over two pipes; pipe_throughput, 4 MiB through a pipe in 4 KiB
    writes;
  - INIT=bench_thread (chapter 8+): a thread's create + exit + join, an
    uncontended mutex's lock + unlock, and a round trip between two threads
    over two semaphores;
  - the network (chapter 9+, tests/bench_net.py): TCP throughput host to
    guest and guest to host (8 MiB to or from bench_net), and httpd's
    requests per second (100 GETs of a small file, one after the other),
    all timed by bounded clients on the host talking only to 127.0.0.1
    through QEMU's hostfwd;
  - idle CPU: QEMU's host CPU time (user + system, from /proc) while the
    shell waits at its prompt for 10 s, as a percentage of one host CPU;
Every figure is a median the guest measured (or the harness, for boot), and
one that could not be measured shows as FAILED or n/a, never as a number.
Writes build/bench/results.json and build/bench/results.md.

Usage: tests/bench.py [--arch A ...] [--fs-only | --net-only]
  --fs-only: only the file system part (INIT=bench_fs on both file systems).
  --net-only: only the network part (chapter 9).
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402
import bench_net  # noqa: E402

BENCH_RE = re.compile(r"^bench: (\w+) (?:(\d+\.\d+) (\S+)|FAILED(.*))", re.M)
# what a file figure cost the disk (bench_fs.c): kept as "disk:<row>"
DISK_RE = re.compile(r"^bench: (\w+) .*\[disk: (-?\d+) requests, (-?\d+) flushes\]", re.M)
ROWS = [("boot_to_shell", "ms"), ("idle_cpu", "% of a host CPU"), ("bare_trap", "ns"),
        ("null_syscall", "ns"), ("syscall_over_trap", "x the bare trap"),
        ("yield_roundtrip", "us"),
        ("fork_exit_wait", "us"), ("fork_exec_wait", "us"), ("mmap_touch_unmap", "us/page"),
        ("file_write_4MiB easyfs", "MiB/s"), ("file_read_4MiB easyfs", "MiB/s"),
        ("create_delete_small easyfs", "ops/s"), ("create_delete_3000 easyfs", "ops/s"),
        ("file_write_4MiB fat", "MiB/s"), ("file_read_4MiB fat", "MiB/s"),
        ("create_delete_small fat", "ops/s"), ("create_delete_3000 fat", "ops/s"),
        ("pipe_roundtrip", "us"), ("pipe_throughput", "MiB/s"),
        ("thread_create_exit_join", "us"), ("mutex_lock_unlock", "ns"), ("sem_pingpong", "us"),
        *bench_net.ROWS]


def boot_and_collect(arch, chapter, knobs, suffix=""):
    """Boot with `knobs`; return {name: value or 'FAILED ...'}."""
    b = run.make(arch, chapter, "build", extra=knobs)
    if b.returncode != 0:
        return {"_error": "build failed"}
    if chapter in run.DISK_CHAPTERS:
        run.make(arch, chapter, "disk", extra=knobs)
    cmd = run.make(arch, chapter, "qemu-cmd", extra=knobs).stdout.strip()
    build_dir = run.make(arch, chapter, "print-build", extra=knobs).stdout.strip()
    # a benchmark may run silently for minutes (thousands of files): a long watchdog
    status, out = run.boot(cmd, os.path.join(run.TOP, build_dir, "bench.log"), 600,
                           silence=300)
    found = {}
    for m in BENCH_RE.finditer(out):
        name = m.group(1) + suffix
        found[name] = float(m.group(2)) if m.group(2) else "FAILED" + m.group(4)
    for m in DISK_RE.finditer(out):
        found["disk:" + m.group(1) + suffix] = [int(m.group(2)), int(m.group(3))]
    if "bench: done" not in out:
        found["_error"] = f"did not finish (status {status})"
    return found


def start_at_prompt(arch, chapter):
    """Boot the default kernel (a fresh disk where the chapter has one) and
    read its console until the shell's prompt. Returns (QEMU process, ms
    to the prompt), or (None, why) if it never came; the caller kills the
    process group."""
    knobs = ["FS=easyfs"] if chapter in run.DISK_CHAPTERS else []
    if run.make(arch, chapter, "build", extra=knobs).returncode != 0:
        return None, "FAILED build"
    if chapter in run.DISK_CHAPTERS:
        run.make(arch, chapter, "disk", extra=knobs)
    cmd = run.make(arch, chapter, "qemu-cmd", extra=knobs).stdout.strip()
    proc = subprocess.Popen(cmd, shell=True, cwd=run.TOP, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    start, seen = time.time(), b""
    while b">> " not in seen and time.time() - start < 60:
        data = proc.stdout.read1(4096)
        if not data:
            break
        seen += data
    if b">> " not in seen:
        stop(proc)
        return None, "FAILED no prompt"
    return proc, (time.time() - start) * 1000


def stop(proc):
    os.killpg(proc.pid, 9)
    proc.wait()


def boot_time(arch, chapter):
    """Milliseconds from starting QEMU to the shell prompt (median of 3)."""
    times = []
    for _ in range(3):
        proc, ms = start_at_prompt(arch, chapter)
        if proc is None:
            return ms
        stop(proc)
        times.append(ms)
    return sorted(times)[1]


def qemu_cpu_seconds(pgid):
    """User + system CPU seconds of the QEMU process in process group `pgid`."""
    found = subprocess.run(["pgrep", "-g", str(pgid), "qemu-system"], capture_output=True,
                           text=True).stdout.split()
    if not found:
        return None
    with open(f"/proc/{found[0]}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu(arch, chapter, seconds=10):
    """QEMU's host CPU use while the shell waits at its prompt, in % of one CPU."""
    proc, why = start_at_prompt(arch, chapter)
    if proc is None:
        return why
    try:
        time.sleep(0.5)  # let the shell settle into its read
        c0, w0 = qemu_cpu_seconds(proc.pid), time.time()
        time.sleep(seconds)
        c1, w1 = qemu_cpu_seconds(proc.pid), time.time()
        if c0 is None or c1 is None:
            return "FAILED no QEMU process"
        return 100 * (c1 - c0) / (w1 - w0)
    finally:
        stop(proc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", action="append", choices=run.ARCHES)
    ap.add_argument("--fs-only", action="store_true",
                    help="only the file system benchmarks (bench_fs)")
    ap.add_argument("--net-only", action="store_true", help="only the network benchmarks")
    args = ap.parse_args()
    only = args.fs_only or args.net_only
    have = run.implemented_chapters()
    arches = args.arch or run.ARCHES
    results = {}
    for arch in arches:
        top = max(have[arch])
        r = {}
        print(f"bench: {arch} (chapter {top})", flush=True)
        if top >= 5 and not only:
            r["boot_to_shell"] = boot_time(arch, top)
            r["idle_cpu"] = idle_cpu(arch, top)
            r.update(boot_and_collect(arch, top, ["INIT=bench"]))
        if top >= 6 and not args.net_only:
            for fs in ("easyfs", "fat"):
                got = boot_and_collect(arch, top, ["INIT=bench_fs", f"FS={fs}"], " " + fs)
                if "_error" in got:
                    got[f"file_write_4MiB {fs}"] = got.get(f"file_write_4MiB {fs}",
                                                           "FAILED " + got["_error"])
                r.update({k: v for k, v in got.items() if k != "_error"})
        if top >= 7 and not only:
            got = boot_and_collect(arch, top, ["INIT=bench_pipe", "FS=easyfs"])
            if "_error" in got:
                got["pipe_roundtrip"] = got.get("pipe_roundtrip", "FAILED " + got["_error"])
            r.update({k: v for k, v in got.items() if k != "_error"})
        if top >= 8 and not only:
            got = boot_and_collect(arch, top, ["INIT=bench_thread", "FS=easyfs"])
            if "_error" in got:
                got["thread_create_exit_join"] = got.get("thread_create_exit_join",
                                                         "FAILED " + got["_error"])
            r.update({k: v for k, v in got.items() if k != "_error"})
        if top >= 9 and not args.fs_only:
            r.update(bench_net.rows(arch, top))
        if "_error" in r:
            r["null_syscall"] = r.get("null_syscall", "FAILED " + r["_error"])
            del r["_error"]
        results[arch] = r

    qemu = subprocess.run(["qemu-system-riscv64", "--version"], capture_output=True,
                          text=True).stdout.splitlines()[0]
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if "model name" in line)
    except (OSError, StopIteration):
        pass
    meta = {"date": datetime.date.today().isoformat(), "qemu": qemu, "host_cpu": cpu,
            "cores": os.cpu_count(), "python": platform.python_version()}

    def cell(arch, row):
        v = results[arch].get(row)
        if v is None:
            return "n/a"
        if not isinstance(v, float):
            return str(v)
        disk = results[arch].get("disk:" + row)
        if disk is not None:  # what it cost the disk
            return f"{v:.3f} ({disk[0]} req, {disk[1]} flush)"
        return f"{v:.3f}"

    header = "| benchmark | unit | " + " | ".join(arches) + " |"
    lines = [header, "|" + "---|" * (len(arches) + 2)]
    for row, unit in ROWS:
        if args.fs_only and " " not in row:
            continue
        if args.net_only and (row, unit) not in bench_net.ROWS:
            continue
        lines.append(f"| {row} | {unit} | " + " | ".join(cell(a, row) for a in arches) + " |")
    table = "\n".join(lines)
    out_dir = os.path.join(run.TOP, "build", "bench")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=2)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(f"{meta['date']}, {meta['qemu']}, host CPU {meta['host_cpu']} "
                f"({meta['cores']} cores)\n\n{table}\n")
    print()
    print(f"{meta['date']}, {meta['qemu']}, host CPU {meta['host_cpu']}")
    print(table)
    print(f"\n(written to {os.path.relpath(out_dir, run.TOP)}/results.json and results.md)")
    failed = any(isinstance(v, str) for r in results.values() for v in r.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
