#!/usr/bin/env python3
"""lab.py - the course labs: turn the reference tree into a student tree.

A lab's reference solution sits in the kernel between markers, with the
stub that replaces it in a comment:

	/* LAB 5 spawn: BEGIN */
	... the solution ...
	/* LAB 5 spawn: STUB
	(void)p, (void)a;
	return -1;
	   LAB 5 spawn: END */

(a block with no stub ends with a plain "/* LAB 5 spawn: END */" line).

`lab.py tree N OUT` writes the student tree of lab N: labs before N solved
(their markers and stubs gone), lab N's solutions replaced by their stubs,
the files of later chapters left out (kernel sources and user programs no
chapter <= N builds, their tests and handouts, the later columns of
docs/ladder.md), and kernel/chapters.mk cut to chapters 1..N. OUT becomes
a git repository with one commit. `lab.py solve FILE...` prints the files
with every lab solved (the reference), `lab.py stub N FILE` one file as
lab N's student sees it.
"""
import os
import re
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABS = {3: ["task_info"], 4: ["mmap"], 5: ["spawn", "set_priority", "stride"],
        6: ["fstat", "linkat", "unlinkat"], 8: ["deadlock"]}

BEGIN = re.compile(r"^(\s*)/\* LAB (\d+) (\w+): BEGIN \*/\s*$")
STUB = re.compile(r"^\s*/\* LAB (\d+) (\w+): STUB\s*$")
END = re.compile(r"^\s*/\* LAB (\d+) (\w+): END \*/\s*$")
STUB_END = re.compile(r"^\s*LAB (\d+) (\w+): END \*/\s*$")
ANY = re.compile(r"\bLAB \d+ \w+: (BEGIN|STUB|END)\b")


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


class MarkerError(Exception):
    pass


def transform(text, lab, where="<text>"):
    """The text as lab `lab`'s student sees it (lab None: every lab solved)."""
    out = []
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        m = BEGIN.match(lines[i])
        if m is None:
            if ANY.search(lines[i]):
                raise MarkerError(f"{where}:{i + 1}: marker without a BEGIN: {lines[i].strip()}")
            out.append(lines[i])
            i += 1
            continue
        indent, n, name = m.group(1), int(m.group(2)), m.group(3)
        start = i
        solution, stub = [], []
        i += 1
        while True:
            if i >= len(lines):
                raise MarkerError(f"{where}:{start + 1}: LAB {n} {name} has no END")
            s, e = STUB.match(lines[i]), END.match(lines[i])
            if s or e:
                got = s or e
                if (int(got.group(1)), got.group(2)) != (n, name):
                    raise MarkerError(f"{where}:{i + 1}: LAB {n} {name} ends with "
                                      f"{lines[i].strip()}")
                break
            if BEGIN.match(lines[i]) or ANY.search(lines[i]):
                raise MarkerError(f"{where}:{i + 1}: nested marker in LAB {n} {name}")
            solution.append(lines[i])
            i += 1
        if STUB.match(lines[i]):
            i += 1
            while True:
                if i >= len(lines):
                    raise MarkerError(f"{where}:{start + 1}: the stub of LAB {n} {name} "
                                      "has no END")
                e = STUB_END.match(lines[i])
                if e:
                    if (int(e.group(1)), e.group(2)) != (n, name):
                        raise MarkerError(f"{where}:{i + 1}: LAB {n} {name} ends with "
                                          f"{lines[i].strip()}")
                    break
                if ANY.search(lines[i]) or "*/" in lines[i]:
                    raise MarkerError(f"{where}:{i + 1}: bad line in the stub of LAB {n} {name}")
                stub.append(lines[i])
                i += 1
        i += 1  # the END line
        if lab is None or n != lab:
            out += solution
        else:
            out.append(f"{indent}/* Lab {n} ({name}): your code here; see docs/ch{n}.md. */\n")
            out += stub
    return "".join(out)


def labs_in(text):
    """{(chapter, name)} of the markers in a text."""
    return {(int(m.group(2)), m.group(3)) for m in map(BEGIN.match, text.splitlines()) if m}


def make_var(name, top=TOP):
    p = subprocess.run(["make", "-s", "--no-print-directory", f"print-{name}"], cwd=top,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"make print-{name}: {p.stderr.strip()}")
    return p.stdout.split()


def tracked_files(top):
    p = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=top,
                       capture_output=True, text=True, check=True)
    return [f for f in p.stdout.splitlines() if os.path.isfile(os.path.join(top, f))]


INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def reachable_headers(top, sources, dirs):
    """Headers included, directly or not, by `sources` (paths under top),
    looked up beside the includer and in `dirs`."""
    seen, todo = set(), list(sources)
    while todo:
        f = todo.pop()
        try:
            text = read(os.path.join(top, f))
        except OSError:
            continue
        for inc in INCLUDE.findall(text):
            for d in [os.path.dirname(f)] + dirs:
                cand = os.path.normpath(os.path.join(d, inc))
                if os.path.isfile(os.path.join(top, cand)):
                    if cand not in seen:
                        seen.add(cand)
                        todo.append(cand)
                    break
    return seen


# Files that belong to a chapter although no KERNEL_CH/APPS_CH list names
# them: left out of the trees of earlier labs.
CHAPTER_FILES = {
    6: ["fs-image/", "tests/host/", "tests/test_easyfs.py", "tests/test_fat32.py",
        "tests/fuzz.py", "docs/fuzz.md"],
}
CHAPTER_NAMED = re.compile(r"(?:^|/)ch(\d+)(?:[_.]|$)")


def keep_files(top, files, lab):
    """The files of the student tree of lab `lab`."""
    kernel = set()
    for n in range(1, lab + 1):
        kernel |= {"kernel/" + f for f in make_var(f"KERNEL_CH{n}", top)}
    apps = set()
    for n in range(2, lab + 1):
        apps |= set(make_var(f"APPS_CH{n}", top))
    user_srcs = {f"user/src/{a}.c" for a in apps}
    headers = reachable_headers(top, sorted(kernel) + [f for f in files if f.startswith("hal/")],
                                ["kernel", "include", "hal/include"])
    headers |= reachable_headers(top, sorted(user_srcs), ["user/lib", "include"])
    later = [p for n, ps in CHAPTER_FILES.items() if n > lab for p in ps]
    keep = []
    for f in files:
        if any(f == p or (p.endswith("/") and f.startswith(p)) for p in later):
            continue
        m = CHAPTER_NAMED.search(f)
        if f.startswith(("tests/expect/", "docs/")) and m and int(m.group(1)) > lab:
            continue
        # kernel/lib/include: the small C library the third-party code sees
        if f.startswith("kernel/") and not f.startswith("kernel/lib/include/") and \
                f.endswith((".c", ".h", ".S")):
            if f not in kernel and f not in headers:
                continue
        if f.startswith("user/src/"):
            rest = f[len("user/src/"):]
            if "/" in rest:  # a program's helper folder
                if rest.split("/")[0] not in apps:
                    continue
            elif f.endswith(".c") and f not in user_srcs:
                continue
            elif f.endswith(".h") and f not in headers:
                continue
        keep.append(f)
    return keep


CHAPTER_VAR = re.compile(r"^(?:KERNEL|APPS|INIT|APP_FORMAT)_CH(\d+)\b")
LIST_VAR = re.compile(r"^(CHAPTERS_\w+|DISK_CHAPTERS|GPU_CHAPTERS)(\s*:?=\s*)(.*)$")


def cut_chapters_mk(text, lab):
    """kernel/chapters.mk for chapters 1..lab: the later chapters' variables
    (with the comments just above them) gone, the chapter lists cut."""
    out, comments = [], []
    logical = []
    for line in text.splitlines(keepends=True):
        logical.append(line)
        if line.rstrip("\n").endswith("\\"):
            continue
        block, logical = "".join(logical), []
        if block.startswith("#"):
            comments.append(block)
            continue
        m = CHAPTER_VAR.match(block)
        if m and int(m.group(1)) > lab:
            comments = []
            continue
        m = LIST_VAR.match(block.rstrip("\n"))
        if m:
            nums = [c for c in m.group(3).split() if int(c) <= lab]
            block = m.group(1) + m.group(2) + " ".join(nums) + "\n"
        out += comments + [block]
        comments = []
    return re.sub(r"\n{3,}", "\n\n", "".join(out + comments))


def cut_ladder(text, lab):
    """docs/ladder.md: the table's columns for chapters 2..lab; rows with
    nothing left in them go."""
    out = []
    header = None
    for line in text.splitlines(keepends=True):
        if not line.startswith("|"):
            header = None
            out.append(line)
            continue
        cells = line.strip().strip("|").split("|")
        if line.startswith("| piece |"):
            header = [c.strip() for c in cells]
        if header is None:
            out.append(line)
            continue
        keep = [i for i, h in enumerate(header)
                if not re.fullmatch(r"ch\d+", h) or int(h[2:]) <= lab]
        cells = [cells[i] for i in keep if i < len(cells)]
        if not line.startswith(("| piece |", "|-", "| -", "|:")) and \
                all(c.strip() in ("—", "-", "") for c in cells[2:]):
            continue
        out.append("|" + "|".join(cells) + "|\n")
    return "".join(out)


def cut_readme(text, lab):
    """README.md: the state table's rows of later chapters go."""
    return "".join(line for line in text.splitlines(keepends=True)
                   if not (re.match(r"\| (\d+) [A-Za-z]", line)
                           and int(re.match(r"\| (\d+)", line).group(1)) > lab))


def make_tree(lab, out, top=TOP):
    if lab not in LABS:
        raise SystemExit(f"lab.py: no lab in chapter {lab}; labs: {sorted(LABS)}")
    if os.path.exists(out) and os.listdir(out):
        raise SystemExit(f"lab.py: {out} exists and is not empty")
    files = keep_files(top, tracked_files(top), lab)
    if not any(f.endswith((".c", ".h")) and labs_in(read(os.path.join(top, f))) for f in files):
        raise SystemExit("lab.py: no lab markers here: this is already a student tree")
    for f in files:
        src, dst = os.path.join(top, f), os.path.join(out, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if f.endswith((".c", ".h", ".S")):
            text = read(src)
            if labs_in(text) or ANY.search(text):
                text = transform(text, lab, f)
            write(dst, text)
        elif f == "kernel/chapters.mk":
            write(dst, cut_chapters_mk(read(src), lab))
        elif f == "docs/ladder.md":
            write(dst, cut_ladder(read(src), lab))
        elif f == "README.md":
            write(dst, cut_readme(read(src), lab))
        else:
            shutil.copy2(src, dst)
    # the third-party sources (not in git: scripts/setup.sh fetches them)
    if os.path.isdir(os.path.join(top, "third_party")):
        shutil.copytree(os.path.join(top, "third_party"), os.path.join(out, "third_party"),
                        symlinks=True)
    env = dict(os.environ, GIT_AUTHOR_NAME="TeachOS", GIT_AUTHOR_EMAIL="teachos@localhost",
               GIT_COMMITTER_NAME="TeachOS", GIT_COMMITTER_EMAIL="teachos@localhost")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "commit", "-q", "-m", f"TeachOS lab {lab}: {', '.join(LABS[lab])}"]):
        subprocess.run(cmd, cwd=out, env=env, check=True)
    print(f"lab.py: the lab {lab} tree ({len(files)} files) is in {out}; "
          f"the handout: docs/ch{lab}.md")


def main(argv):
    if len(argv) == 3 and argv[0] == "tree":
        make_tree(int(argv[1]), os.path.abspath(argv[2]))
    elif len(argv) >= 2 and argv[0] == "solve":
        for f in argv[1:]:
            sys.stdout.write(transform(read(f), None, f))
    elif len(argv) == 3 and argv[0] == "stub":
        sys.stdout.write(transform(read(argv[2]), int(argv[1]), argv[2]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
