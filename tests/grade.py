#!/usr/bin/env python3
"""grade.py - the course labs' grader (`make grade [ARCH=a] [CHAPTER=n]`).

For each lab (the chapter given, or every lab whose chapter this tree
builds) it builds the kernel with a fresh random GRADE_TOKEN, boots it
once, and gives each lab test its points if every line the test must print
is there. The test programs print the token after their OK lines
(user/lib/grade.c), and a line counts only with this run's token, so a
kernel that prints "Test spawn0 OK!" by itself earns nothing. A few base
lines (earlier chapters' programs, the labs before) must be there too.
Prints one line per test, MIT style, then the total; the exit status is 0
only with full marks and the base intact.

Usage: tests/grade.py [--arch A] [--chapter N ...] [--token HEX]
"""
import argparse
import os
import re
import secrets
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

TOK = "{tok}"  # where a line must carry this run's token


def stride_spread(out, token):
    """The six stride lines, with the token, and shares that follow priority."""
    found = re.findall(r"^priority = (\d+), exitcode = (\d+), ratio = \d+"
                       + re.escape(f" [grade {token}]") + "$", out, re.M)
    if len(found) != 6:
        return False, f"six stride lines with the token (found {len(found)})"
    ratios = [int(count) / int(prio) for prio, count in found]
    spread = max(ratios) / min(ratios)
    return spread < 1.5, f"max/min of count/priority = {spread:.3f} (< 1.5 needed)"


# Per chapter: the boot's knobs, its base lines, and the lab tests as
# (name, points, [lines, TOK where the token goes], an extra check or None).
LABS = {
    3: {"knobs": [], "timeout": 90,
        "base": [r"^Test write A OK!$", r"^Test sleep OK!$", r"^All applications completed!$"],
        "tests": [("task_info", 100, [r"^Test task info OK!" + TOK + "$"], None)]},
    4: {"knobs": [], "timeout": 120,
        "base": [r"^Test task info OK!" + TOK + "$", r"^Test sbrk almost OK!$",
                 r"^All applications completed!$"],
        "tests": [("mmap0", 25, [r"^Test 04_1 OK!" + TOK + "$"], None),
                  ("mmap3", 25, [r"^Test 04_4 test OK!" + TOK + "$"], None),
                  ("unmap", 25, [r"^Test 04_5 ummap OK!" + TOK + "$"], None),
                  ("unmap2", 25, [r"^Test 04_6 ummap2 OK!" + TOK + "$"], None)]},
    5: {"knobs": ["INIT=ch5_labtest"], "timeout": 120,
        "base": [r"^child process pid = \d+, exit code = 100$",
                 r"^Test task info OK!" + TOK + "$", r"^Test 04_1 OK!" + TOK + "$",
                 r"^ch5 labtest done$"],
        "tests": [("spawn0", 30, [r"^Test spawn0 OK!" + TOK + "$"], None),
                  ("spawn1", 20, [r"^Test wait OK!" + TOK + "$",
                                  r"^Test waitpid OK!" + TOK + "$"], None),
                  ("set_priority", 20, [r"^Test set_priority OK!" + TOK + "$"], None),
                  ("stride", 30, [], stride_spread)]},
    6: {"knobs": ["INIT=ch6_labtest", "FS=easyfs"], "timeout": 120,
        "base": [r"^file_test passed!$", r"^Test file0 OK!" + TOK + "$",
                 r"^Test wait OK!" + TOK + "$", r"^ch6 labtest done$"],
        "tests": [("fstat", 30, [r"^Test fstat OK!" + TOK + "$"], None),
                  ("link", 40, [r"^Test link OK!" + TOK + "$"], None),
                  ("mass open/unlink", 30, [r"^Test mass open/unlink OK!" + TOK + "$"], None)]},
    8: {"knobs": ["INIT=ch8_labtest", "FS=easyfs"], "timeout": 120,
        "base": [r"^child process pid = \d+, exit code = 100$",
                 r"^threads with arg test passed!$", r"^Test fstat OK!" + TOK + "$",
                 r"^ch8 labtest done$"],
        # rCore's three tests, paired: a stub that never refuses passes sem2
        # (a safe order exists: no refusal allowed), one that always refuses
        # passes sem1; each test here needs a found deadlock and sem2 both.
        "tests": [("deadlock mutex1 + sem2", 50,
                   [r"^deadlock test mutex 1 OK!" + TOK + "$",
                    r"^deadlock test semaphore 2 OK!" + TOK + "$"], None),
                  ("deadlock sem1 + sem2", 50,
                   [r"^deadlock test semaphore 1 OK!" + TOK + "$",
                    r"^deadlock test semaphore 2 OK!" + TOK + "$"], None)]},
}


def with_token(pat, token):
    return pat.replace(TOK, re.escape(f" [grade {token}]"))


def score(chapter, out, token):
    """[(name, points, got, detail)] of the lab tests, and [(ok, base line)]."""
    lab = LABS[chapter]
    results = []
    for name, points, lines, extra in lab["tests"]:
        missing = [p for p in lines if re.search(with_token(p, token), out, re.M) is None]
        ok, detail = not missing, ("missing /" + missing[0] + "/" if missing else "")
        if ok and extra is not None:
            ok, detail = extra(out, token)
        results.append((name, points, points if ok else 0, detail))
    base = [(re.search(with_token(p, token), out, re.M) is not None, p) for p in lab["base"]]
    return results, base


def boot(arch, chapter, token):
    """Build with the token and boot once: the console text, or None."""
    lab = LABS[chapter]
    knobs = lab["knobs"] + [f"GRADE_TOKEN={token}"]
    b = run.make(arch, chapter, "build", extra=knobs)
    if b.returncode != 0:
        print((b.stdout + b.stderr)[-3000:])
        return None
    cmd = run.make(arch, chapter, "qemu-cmd", extra=knobs).stdout.strip()
    build_dir = run.make(arch, chapter, "print-build", extra=knobs).stdout.strip()
    if chapter in run.DISK_CHAPTERS and run.make(arch, chapter, "disk", extra=knobs).returncode:
        return None
    log = os.path.join(run.TOP, build_dir, "grade.log")
    status, out = run.boot(cmd, log, lab["timeout"])
    print(f"  (ch{chapter} on {arch}: QEMU "
          f"{'exit status ' + str(status) if status not in (None, run.HANG) else 'killed'}; "
          f"console log {os.path.relpath(log, run.TOP)})")
    return out


def main():
    ap = argparse.ArgumentParser(description="Grade the course labs.")
    ap.add_argument("--arch", default="riscv64", choices=run.ARCHES)
    ap.add_argument("--chapter", action="append", type=int)
    ap.add_argument("--token", help="hex; default: a fresh random one")
    args = ap.parse_args()
    have = run.implemented_chapters()[args.arch]
    chapters = args.chapter or [c for c in sorted(LABS) if c in have]
    for c in chapters:
        if c not in LABS or c not in have:
            raise SystemExit(f"grade.py: no lab to grade in chapter {c} here "
                             f"(labs: {sorted(set(LABS) & set(have))})")
    token = args.token or secrets.token_hex(8)
    if not re.fullmatch(r"[0-9a-f]+", token):
        raise SystemExit("grade.py: --token must be lower-case hex")
    total = got = 0
    base_ok = True
    for c in chapters:
        print(f"== lab {c} ({args.arch}) ==", flush=True)
        out = boot(args.arch, c, token)
        if out is None:
            print(f"lab {c}: build or boot failed")
            out = ""
        results, base = score(c, out, token)
        for ok, pat in base:
            base_ok &= ok
            if not ok:
                print(f"  base: FAIL /{pat}/ missing")
        if all(ok for ok, _ in base):
            print(f"  base: OK ({len(base)} lines)")
        for name, points, gained, detail in results:
            total += points
            got += gained
            print(f"  {name}: {'OK' if gained == points else 'FAIL'} "
                  f"{gained}/{points}" + (f"  -- {detail}" if detail else ""), flush=True)
    print(f"Score: {got}/{total}" + ("" if base_ok else " (base checks failed)"))
    return 0 if got == total and base_ok else 1


if __name__ == "__main__":
    sys.exit(main())
