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
docs/ladder.md; the `#if CHAPTER >= K` blocks of later chapters, and the
headers only they included; the user library's files no program of the
tree names), kernel/chapters.mk cut to chapters 1..N, and the documents
trimmed so that none names a file the tree does not have. OUT becomes a
git repository with one commit. `lab.py solve FILE...` prints the files
with every lab solved (the reference), `lab.py stub N FILE` one file as
lab N's student sees it.
"""
import fnmatch
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


IF_CHAPTER = re.compile(r"^\s*#\s*if\s+CHAPTER\s*>=\s*(\d+)\s*$")
IF_ANY = re.compile(r"^\s*#\s*if")
ELSE = re.compile(r"^\s*#\s*else\b")
ELIF = re.compile(r"^\s*#\s*elif\b")
ENDIF = re.compile(r"^\s*#\s*endif\b")


def cut_chapter_ifs(text, lab, where="<text>"):
    """The text without the `#if CHAPTER >= K` blocks of chapters K > lab
    (false in every chapter the student tree builds); their #else parts
    stay, without the directives."""
    out = []
    stack = []  # per open #if: [cut by us, the current branch kept]
    for n, line in enumerate(text.splitlines(keepends=True), 1):
        live = all(keep for _, keep in stack)
        m = IF_CHAPTER.match(line)
        if m and int(m.group(1)) > lab:
            stack.append([True, False])
            continue
        if IF_ANY.match(line):
            stack.append([False, True])
        elif stack and stack[-1][0] and ELIF.match(line):
            raise MarkerError(f"{where}:{n}: #elif after #if CHAPTER >= N: not supported")
        elif stack and stack[-1][0] and ELSE.match(line):
            stack[-1][1] = True
            continue
        elif ENDIF.match(line):
            if not stack:
                raise MarkerError(f"{where}:{n}: #endif without #if")
            cut, _ = stack.pop()
            if cut:
                continue
        if live:
            out.append(line)
    if stack:
        raise MarkerError(f"{where}: #if without #endif")
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


def reachable_headers(top, sources, dirs, text_of=None):
    """Headers included, directly or not, by `sources` (paths under top),
    looked up beside the includer and in `dirs`; text_of(path) gives a
    file's text as the tree will have it (default: as it is)."""
    seen, todo = set(), list(sources)
    while todo:
        f = todo.pop()
        try:
            text = text_of(f) if text_of else read(os.path.join(top, f))
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
    # the figures of every chapter, compared with chapter 9's
    9: ["docs/benchmarks.md", "kernel/net/", "scripts/psf.py"],
}
CHAPTER_NAMED = re.compile(r"(?:^|/)ch(\d+)(?:[_.]|$)")


def student_text(top, f, lab):
    """Source file f (a .c, .h or .S) as lab `lab`'s student sees it."""
    text = read(os.path.join(top, f))
    if labs_in(text) or ANY.search(text):
        text = transform(text, lab, f)
    if "CHAPTER" in text:
        text = cut_chapter_ifs(text, lab, f)
    return text


C_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
C_DEFINITION = re.compile(r"^(?!static\b)(?!typedef\b)[A-Za-z_][\w \t*]*?\b(\w+)\s*\([^;{}]*\)\s*\{",
                          re.M)
S_GLOBAL = re.compile(r"^\s*\.globa?l\s+([\w, \t]+)$", re.M)


def defined_names(text, asm):
    """The global functions a user library file defines."""
    if asm:
        return {n.strip() for m in S_GLOBAL.findall(text) for n in m.split(",") if n.strip()}
    return set(C_DEFINITION.findall(C_COMMENT.sub(" ", text)))


def needed_lib(top, files, programs):
    """The user library's files that the programs (their sources) need: a
    file stays if a program or a file that stays names one of its
    functions (crt0.S, the entry, and files that define none always stay).
    Every library object is linked into every program, so a file nothing
    names is dead weight: chapter 8's threads in a chapter 5 tree."""
    lib = [f for f in files if f.startswith("user/lib/") and f.endswith((".c", ".S"))]
    defs = {f: defined_names(read(os.path.join(top, f)), f.endswith(".S")) for f in lib}
    keep = {f for f in lib if not defs[f] or f.endswith("/crt0.S")}
    while True:
        words = set()
        for f in list(programs) + sorted(keep):
            words |= set(re.findall(r"\w+", C_COMMENT.sub(" ", read(os.path.join(top, f)))))
        more = {f for f in lib if f not in keep and defs[f] & words}
        if not more:
            return keep
        keep |= more


def keep_files(top, files, lab):
    """The files of the student tree of lab `lab`."""
    kernel = set()
    for n in range(1, lab + 1):
        kernel |= {"kernel/" + f for f in make_var(f"KERNEL_CH{n}", top)}
    apps = set()
    for n in range(2, lab + 1):
        apps |= set(make_var(f"APPS_CH{n}", top))
    user_srcs = {f"user/src/{a}.c" for a in apps}
    later = [p for n, ps in CHAPTER_FILES.items() if n > lab for p in ps]
    files = [f for f in files if not any(fnmatch.fnmatch(f, p) or
                                         (p.endswith("/") and f.startswith(p)) for p in later)]

    def text_of(f):
        if f.endswith((".c", ".h", ".S")):
            return student_text(top, f, lab)
        return read(os.path.join(top, f))
    headers = reachable_headers(top, sorted(kernel) + [f for f in files if f.startswith("hal/")],
                                ["kernel", "include", "hal/include"], text_of)
    headers |= reachable_headers(top, sorted(user_srcs) + [f for f in files if
                                                          f.startswith("user/lib/")],
                                 ["user/lib", "include"], text_of)
    programs = [f for f in files if f.startswith("user/src/") and f.endswith(".c") and
                (f in user_srcs or f[len("user/src/"):].split("/")[0] in apps)]
    lib = needed_lib(top, files, programs)
    keep = []
    for f in files:
        if f.startswith("user/lib/") and f.endswith((".c", ".S")) and f not in lib:
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


# A file or folder named in a document: a path with a folder or a file
# name with an extension (`hal/<arch>/trap.S`, `mm/vm.c`, ch6.md, fs-image/).
MENTION = re.compile(r"(?<![\w./<>*-])((?:[\w<>*-][\w<>*.-]*/)+(?:[\w<>*-][\w<>*.-]*)?"
                     r"|[\w<>*-][\w<>*.-]*\.(?:c|h|S|md|py|mk|ld|sh))")
ARCH_NAMES = ["riscv64", "aarch64", "loongarch64", "x86_64"]


def mention_matches(mention, paths):
    """The paths (files, and folders ending in /) that a mention names: the
    whole path or its last components; <arch> is any arch, chN or <n> any
    chapter, * a wildcard."""
    m = mention.rstrip(".,:;)")
    if not m or m in ("./", "../"):
        return []
    pat = re.escape(m).replace(re.escape("<arch>"), "(?:" + "|".join(ARCH_NAMES) + ")")
    pat = pat.replace(re.escape("<n>"), r"\d+").replace(re.escape("<N>"), r"\d+")
    pat = re.sub(r"chN", r"ch\\d+", pat).replace(re.escape("*"), r"[^/]*")
    rx = re.compile(r"(?:^|.*/)" + pat + "$")
    return [p for p in paths if rx.match(p)]


def tree_paths(files):
    """The files and their folders (with a trailing /)."""
    paths = set(files)
    for f in files:
        d = os.path.dirname(f)
        while d:
            paths.add(d + "/")
            d = os.path.dirname(d)
    return paths


def missing_mentions(text, full, student):
    """The mentions in a document of paths the full tree has and the
    student tree (`student`, files and folders) has not."""
    out = []
    for m in MENTION.findall(text):
        if mention_matches(m, full) and not mention_matches(m, student):
            out.append(m)
    return out


CHAPTER_WORD = re.compile(r"\b[Cc]hapters? (\d+)\b")


def md_blocks(text):
    """A markdown text as blocks: a heading, a table row, a list item (with
    its indented lines), a fenced code block, a paragraph, blank lines."""
    blocks, cur, fence = [], [], False
    for line in text.splitlines(keepends=True):
        s = line.strip()
        if fence:
            cur.append(line)
            if s.startswith("```"):
                blocks.append("".join(cur))
                cur, fence = [], False
            continue
        starts = (s.startswith(("#", "|", "```")) or s == "" or
                  re.match(r"([-*]|\d+\.) ", s) is not None)
        if starts or (cur and cur[-1].strip().startswith(("#", "|"))):
            if cur:
                blocks.append("".join(cur))
            cur = [line]
            fence = s.startswith("```")
            if s == "" or s.startswith("#"):
                blocks.append("".join(cur))
                cur = []
        else:
            cur.append(line)
    if cur:
        blocks.append("".join(cur))
    return blocks


def trim_block(b, full, student):
    """Block b without its mentions of files the student tree lacks: the
    comma-separated item or the sentence that has one goes (in a table
    row: the item in its cell, or the row); None if the whole block must."""
    for _ in range(20):
        missing = missing_mentions(b, full, student)
        if not missing:
            return b
        at = b.find(missing[0])
        # the item: from the last delimiter before the mention to the next one
        lo = max(b.rfind(d, 0, at) for d in (",", "(", "|", ";", ":", "\n"))
        hi, depth = at, 0
        while hi < len(b) and not (depth == 0 and b[hi] in ",)|;\n"):
            depth += {"(": 1, ")": -1}.get(b[hi], 0)
            hi += 1
        if lo >= 0 and b[lo] in ",;" and b[hi:hi + 1] in (",", ")", "|", ";", "\n", ""):
            b = b[:lo] + b[hi:]
            continue
        if lo >= 0 and b[lo] in "(|;:" and b[hi:hi + 1] == ",":
            b = b[:lo + 1] + b[hi + 1:].lstrip(" ")
            continue
        if b.lstrip().startswith("|"):
            return None
        # the sentence
        starts = [0] + [m.end() for m in re.finditer(r"[.!?]\)?\s+(?=[`A-Z\[(*])", b)]
        lo = max(i for i in starts if i <= at)
        nxt = [i for i in starts if i > at]
        hi = nxt[0] if nxt else len(b.rstrip("\n"))
        if lo == 0 and hi >= len(b.rstrip("\n")):
            return None
        b = b[:lo] + b[hi:]
    return None


def cut_doc(text, lab, full, student):
    """A document for the tree of lab `lab`: the sections whose heading
    names a later chapter, the table rows of later chapters (a "from
    chapter" column), the paragraphs that start "From chapter K" (K > lab),
    and every block that names a file of the full tree the student tree
    does not have, left out."""
    out, skip_level, col = [], None, None
    for b in md_blocks(text):
        s = b.strip()
        h = re.match(r"(#+) ", s)
        if h:
            level = len(h.group(1))
            if skip_level is not None and level > skip_level:
                continue
            skip_level = None
            if level > 1 and any(int(n) > lab for n in CHAPTER_WORD.findall(s)):
                skip_level = level
                continue
        elif skip_level is not None:
            continue
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if "chapter" in " ".join(cells).lower() and not re.search(r"\d", s):
                col = next((i for i, c in enumerate(cells) if "chapter" in c.lower()), None)
            elif col is not None and col < len(cells) and re.fullmatch(r"\d+", cells[col]) \
                    and int(cells[col]) > lab:
                continue
        else:
            col = None if s == "" else col
        if re.match(r"From chapter (\d+)", s) and int(re.match(r"From chapter (\d+)",
                                                               s).group(1)) > lab:
            continue
        b = trim_block(b, full, student)
        if b is not None:
            out.append(b)
    return re.sub(r"\n{3,}", "\n\n", "".join(out))


def make_tree(lab, out, top=TOP):
    if lab not in LABS:
        raise SystemExit(f"lab.py: no lab in chapter {lab}; labs: {sorted(LABS)}")
    if os.path.exists(out) and os.listdir(out):
        raise SystemExit(f"lab.py: {out} exists and is not empty")
    all_files = tracked_files(top)
    files = keep_files(top, all_files, lab)
    full, student = tree_paths(all_files), tree_paths(files)
    if not any(f.endswith((".c", ".h")) and labs_in(read(os.path.join(top, f))) for f in files):
        raise SystemExit("lab.py: no lab markers here: this is already a student tree")
    for f in files:
        src, dst = os.path.join(top, f), os.path.join(out, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if f.endswith((".c", ".h", ".S")):
            write(dst, student_text(top, f, lab))
        elif f == "kernel/chapters.mk":
            write(dst, cut_chapters_mk(read(src), lab))
        elif f.endswith(".md"):
            text = read(src)
            if f == "docs/ladder.md":
                text = cut_ladder(text, lab)
            elif f == "README.md":
                text = cut_readme(text, lab)
            write(dst, cut_doc(text, lab, full, student))
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
