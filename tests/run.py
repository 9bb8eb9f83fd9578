#!/usr/bin/env python3
"""run.py - the test harness: boot kernels under QEMU and check their console.

For each (arch, chapter) cell it builds the kernel with make, boots it with
the exact command `make qemu-cmd` prints, streams the console to
build/<arch>/ch<N>/test.log, and checks:
  - QEMU exited by itself before the timeout, with a success status;
  - the console never went silent for longer than the watchdog allows
    (--silence, 60 s by default): a kernel that stops printing is killed
    and reported as HANG, apart from the failures;
  - every EXPECTED regex of tests/expect/chN.py appears in the output;
  - no FORBIDDEN regex appears.
An arch may have a known limitation (KNOWN in tests/expect/chN.py): a
documented behaviour that differs from the other arches. It is printed as a
KNOWN line and counted apart, and what the arch does instead must still be
seen, so the note fails as soon as it no longer holds.
It also runs the host unit tests (tests/test_*.py). It prints one line per
check and closes with "N passed, N failed"; the exit status is 0 only if
nothing failed.

Usage: tests/run.py [--arch A ...] [--chapter N ...] [--expect REGEX ...]
       [--no-unit] [--timeout S] [--silence S]
"""
import argparse
import importlib.util
import os
import re
import subprocess
import sys
import threading
import time
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_var(name, *knobs):
    """A variable of the build (`make print-NAME`): the arch and chapter facts
    are written in the Makefile, hal/<arch>/arch.mk and kernel/chapters.mk only."""
    p = subprocess.run(["make", "-s", "--no-print-directory", f"print-{name}", *knobs],
                       cwd=TOP, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"make print-{name} {' '.join(knobs)} failed: {p.stderr.strip()}")
    return p.stdout.strip()


ARCHES = make_var("ARCHES").split()
DISK_CHAPTERS = [int(c) for c in make_var("DISK_CHAPTERS").split()]
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
HANG = "hang"  # what boot() returns for a kernel the watchdog killed
SILENCE = 60  # seconds of no console output that make a hang (--silence)


class Results:
    """Counts checks and prints one line per check."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.hung = 0
        self.known = 0

    def skip(self, name, why):
        self.skipped += 1
        print(f"SKIP  {name}  -- {why}", flush=True)

    def hang(self, name, detail):
        """A kernel that stopped printing: a failure of its own kind."""
        self.hung += 1
        print(f"HANG  {name}  -- {detail}", flush=True)

    def known_limit(self, name, why):
        self.known += 1
        print(f"KNOWN {name}  -- {why}", flush=True)

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS  {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL  {name}" + (f"  -- {detail}" if detail else ""), flush=True)
        return ok


def implemented_chapters():
    """{arch: [chapters]} from the CHAPTERS_<arch> lines of kernel/chapters.mk."""
    found = {}
    with open(os.path.join(TOP, "kernel", "chapters.mk")) as f:
        for line in f:
            m = re.match(r"\s*CHAPTERS_(\w+)\s*:?=\s*(.*)", line)
            if m:
                found[m.group(1)] = [int(x) for x in m.group(2).split()]
    if sorted(found) != sorted(ARCHES):
        raise SystemExit("run.py: kernel/chapters.mk must have a CHAPTERS_<arch> line per arch")
    return found


def load_expect(chapter):
    """tests/expect/chN.py as a module (EXPECTED, FORBIDDEN, TIMEOUT, ...)."""
    path = os.path.join(TOP, "tests", "expect", f"ch{chapter}.py")
    spec = importlib.util.spec_from_file_location(f"expect_ch{chapter}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def make(arch, chapter, *targets, extra=()):
    cmd = ["make", "-s", "--no-print-directory", f"ARCH={arch}", f"CHAPTER={chapter}",
           *extra, *targets]
    return subprocess.run(cmd, cwd=TOP, capture_output=True, text=True)


def boot(cmd, log_path, timeout, feed=None, silence=None):
    """Run QEMU; return (exit status, console text). The status is None if
    it still ran after `timeout` seconds, HANG if the watchdog killed it:
    no console output for `silence` seconds (default SILENCE; 0: no
    watchdog) while it had not exited.

    `feed`, if given, is called with (process, text_so_far_fn) in a thread
    to drive the console (used by the shell tests of later chapters).
    """
    silence = SILENCE if silence is None else silence
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    proc = subprocess.Popen(cmd, shell=True, cwd=TOP, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    chunks = []
    lock = threading.Lock()
    last_output = [time.monotonic()]

    def reader():
        with open(log_path, "wb") as log:
            while True:
                data = proc.stdout.read1(4096)
                if not data:
                    break
                log.write(data)
                log.flush()
                with lock:
                    chunks.append(data)
                    last_output[0] = time.monotonic()

    def text():
        with lock:
            return b"".join(chunks).decode("utf-8", "replace")

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    feeder = None
    if feed is not None:
        feeder = threading.Thread(target=feed, args=(proc, text), daemon=True)
        feeder.start()
    start = time.monotonic()
    while True:
        try:
            status = proc.wait(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            pass
        now = time.monotonic()
        with lock:
            quiet = now - last_output[0]
        if now - start > timeout or (silence and quiet > silence):
            os.killpg(proc.pid, 9)
            proc.wait()
            status = None if now - start > timeout else HANG
            break
    t.join(timeout=5)
    if feeder is not None:
        feeder.join(timeout=5)
    return status, ANSI.sub("", text()).replace("\r", "")


def match_output(out, expected, forbidden):
    """Return [(ok, description)] for each expected and forbidden regex."""
    checks = []
    for pat in expected:
        checks.append((re.search(pat, out, re.M) is not None, f"expect /{pat}/"))
    for pat in forbidden:
        m = re.search(pat, out, re.M)
        checks.append((m is None, f"forbid /{pat}/" + (f" (found {m.group(0)!r})" if m else "")))
    return checks


def apply_known(known, expected, forbidden):
    """The expectations of an arch with known limitations: each limitation
    {"why", "replaces", "instead", "forbid"} drops the regexes in "replaces"
    from the expected and forbidden lists, expects those in "instead" and
    forbids those in "forbid" (optional)."""
    for k in known:
        expected = [p for p in expected if p not in k["replaces"]] + list(k["instead"])
        forbidden = [p for p in forbidden if p not in k["replaces"]] + list(k.get("forbid", []))
    return expected, forbidden


def run_cell(res, arch, chapter, extra_expect, timeout):
    exp = load_expect(chapter)
    timeout = timeout or getattr(exp, "TIMEOUT", 60)
    known = getattr(exp, "KNOWN", {}).get(arch, [])
    if hasattr(exp, "runs"):
        for r in exp.runs(arch):
            run_boot(res, arch, chapter, r.get("expect", []) + list(extra_expect),
                     r.get("forbid", []), r.get("timeout", timeout), r.get("knobs", []),
                     checks=r.get("checks"), session=r.get("session"),
                     prepare=r.get("prepare"), status=r.get("status", 0),
                     name=r.get("name"), silence=r.get("silence"),
                     known=known if r.get("known", False) else ())
        return
    run_boot(res, arch, chapter, exp.EXPECTED + list(extra_expect), exp.FORBIDDEN, timeout,
             getattr(exp, "KNOBS", []), checks=getattr(exp, "checks", None), known=known)
    for v in getattr(exp, "VARIANTS", []):
        run_boot(res, arch, chapter, v["expect"], v["forbid"], timeout, v["knobs"])
    if hasattr(exp, "SHELL_SESSION"):
        run_boot(res, arch, chapter, [], exp.SHELL_FORBIDDEN, timeout,
                 session=exp.SHELL_SESSION)


class Session:
    """Drives the console: waits for each "expect" regex in the output
    (searched after the previous match), writes each "send" text at once,
    types each "type" step, (text, seconds between keys), one key at a
    time as a person would, and waits out each "pause" step (seconds)."""

    def __init__(self, steps, step_timeout=30):
        self.steps = steps
        self.step_timeout = step_timeout
        self.results = []

    def __call__(self, proc, text):
        pos = 0
        for kind, arg in self.steps:
            if kind == "call":  # a host-side check: arg() returns [(ok, description)]
                self.results += arg()
                continue
            if kind == "send_fn":  # text known only when the step comes
                arg = arg()
                kind = "send"
            if kind == "send":
                proc.stdin.write(arg.encode())
                proc.stdin.flush()
                continue
            if kind == "pause":
                time.sleep(arg)
                continue
            if kind == "type":
                keys, gap = arg
                for key in keys:
                    proc.stdin.write(key.encode())
                    proc.stdin.flush()
                    time.sleep(gap)
                continue
            deadline = time.time() + self.step_timeout
            pat = re.compile(arg, re.M)
            while True:
                out = ANSI.sub("", text()).replace("\r", "")
                m = pat.search(out, pos)
                if m:
                    pos = m.end()
                    self.results.append((True, f"shell: /{arg}/"))
                    break
                if time.time() > deadline or proc.poll() is not None:
                    self.results.append((False, f"shell: /{arg}/ (not seen)"))
                    proc.stdin.close()
                    return
                time.sleep(0.05)


def run_boot(res, arch, chapter, expected, forbidden, timeout, knobs=(), checks=None,
             session=None, prepare=None, status=0, name=None, known=(), silence=None):
    """One boot. `prepare(disk)` may make or spoil the disk image first;
    `checks(out, disk)` returns more (ok, description) results; `status`
    is the QEMU exit status required (None: any); `known` lists the arch's
    known limitations that apply (see apply_known); `silence` the
    watchdog's limit (default SILENCE)."""
    name = f"{arch} ch{chapter}" + "".join(f" {k}" for k in knobs) + (
        f" {name}" if name else " shell" if session else "")
    b = make(arch, chapter, "build", extra=knobs)
    if not res.check(b.returncode == 0, f"{name}: build",
                     (b.stdout + b.stderr).strip().splitlines()[-1:] and
                     (b.stdout + b.stderr).strip().splitlines()[-1]):
        print((b.stdout + b.stderr)[-3000:])
        return
    cmd = make(arch, chapter, "qemu-cmd", extra=knobs).stdout.strip()
    build_dir = make(arch, chapter, "print-build", extra=knobs).stdout.strip()
    disk = None
    if chapter in DISK_CHAPTERS:
        d = make(arch, chapter, "disk", extra=knobs)
        disk = os.path.join(TOP, make(arch, chapter, "print-disk", extra=knobs).stdout.strip())
        if not res.check(d.returncode == 0, f"{name}: fresh disk image", d.stderr[-300:]):
            return
        if prepare is not None:
            prepare(disk)
    # one log per boot: several boots (other knobs, a spoilt disk) share a build folder
    slug = re.sub(r"[^A-Za-z0-9=_.-]+", "_", name.split(" ", 2)[-1]).strip("_")
    log = os.path.join(TOP, build_dir, f"test-{slug}.log")
    start = time.time()
    driver = Session(session) if session else None
    silence = SILENCE if silence is None else silence
    got, out = boot(cmd, log, timeout, feed=driver, silence=silence)
    took = time.time() - start
    if got == HANG:
        res.hang(name, f"no console output for {silence} s (killed after {took:.1f}s); "
                 f"log {os.path.relpath(log, TOP)}")
    else:
        res.check(got is not None, f"{name}: QEMU exits by itself ({took:.1f}s)",
                  f"still running after {timeout}s; log {log}")
    if status is not None and got != HANG:
        res.check(got in (status, None), f"{name}: QEMU exit status {status}", f"status {got}")
    for k in known:
        res.known_limit(name, k["why"])
    expected, forbidden = apply_known(known, expected, forbidden)
    expected = [p.replace("{arch}", arch) for p in expected]
    forbidden = [p.replace("{arch}", arch) for p in forbidden]
    failed = False
    results = match_output(out, expected, forbidden)
    if checks is not None:
        results += checks(out) if disk is None else checks(out, disk)
    if driver is not None:
        results += driver.results
        expected_steps = sum(1 for kind, _ in session if kind == "expect")
        reached = sum(1 for _, desc in driver.results if desc.startswith("shell: "))
        if reached < expected_steps:
            results.append((False, f"shell: {expected_steps - reached} "
                            "step(s) never reached"))
    for ok, desc in results:
        failed |= not res.check(ok, f"{name}: {desc}")
    if failed:
        print(f"      console log: {os.path.relpath(log, TOP)}")


def run_unit_tests(res):
    """Host unit tests: tests/test_*.py, one check line per test case."""
    suite = unittest.defaultTestLoader.discover(os.path.join(TOP, "tests"), pattern="test_*.py",
                                                top_level_dir=os.path.join(TOP, "tests"))

    class Collect(unittest.TestResult):
        def addSuccess(self, test):
            res.check(True, f"unit: {test.id()}")

        def addFailure(self, test, err):
            res.check(False, f"unit: {test.id()}", self._exc_info_to_string(err, test)[-800:])

        def addError(self, test, err):
            res.check(False, f"unit: {test.id()}", self._exc_info_to_string(err, test)[-800:])

        def addSubTest(self, test, subtest, err):
            if err is not None:
                res.check(False, f"unit: {subtest.id()}",
                          self._exc_info_to_string(err, test)[-800:])

        def addSkip(self, test, reason):
            res.skip(f"unit: {test.id()}", reason)

    suite.run(Collect())


def main():
    global SILENCE
    ap = argparse.ArgumentParser(description="Boot kernels under QEMU and check their output.")
    ap.add_argument("--arch", action="append", choices=ARCHES)
    ap.add_argument("--chapter", action="append", type=int)
    ap.add_argument("--expect", action="append", default=[],
                    help="an extra regex every cell must print (used by the harness self-test)")
    ap.add_argument("--no-unit", action="store_true", help="skip the host unit tests")
    ap.add_argument("--timeout", type=int, default=0, help="seconds per boot")
    ap.add_argument("--silence", type=int, default=SILENCE,
                    help="watchdog: seconds without console output that make a hang (0: off)")
    args = ap.parse_args()
    SILENCE = args.silence

    have = implemented_chapters()
    ladder = sorted(set(c for cs in have.values() for c in cs))
    res = Results()
    for chapter in args.chapter or ladder:
        for arch in args.arch or ARCHES:
            if chapter in have[arch]:
                run_cell(res, arch, chapter, args.expect, args.timeout)
            else:
                res.skip(f"{arch} ch{chapter}", "not implemented on this arch yet "
                         "(kernel/chapters.mk)")
    if not args.no_unit and not args.arch and not args.chapter:
        run_unit_tests(res)
    print(f"{res.passed} passed, {res.failed} failed" +
          (f", {res.hung} hung" if res.hung else "") +
          (f", {res.skipped} skipped" if res.skipped else "") +
          (f", {res.known} known limitations (KNOWN lines above)" if res.known else ""))
    return 1 if res.failed or res.hung or res.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
