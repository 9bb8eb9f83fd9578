"""test_ladder.py - docs/ladder.md matches the sources.

Every function with a non-static body in more than one file of kernel/ (a
piece a later chapter replaces) must be in a row of the ladder table, and
each cell must name a file that defines all the row's functions and that
the chapter links (KERNEL_CH<n> of kernel/chapters.mk); a "—" cell means the
chapter links none of the row's files. The table has a column per chapter
from 2 to the highest one any arch implements.
"""
import collections
import glob
import os
import re
import subprocess
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = os.path.join(TOP, "kernel")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
# A definition starts at column 0 (the kernel's style): type, name, (params), {
DEFINITION = re.compile(r"^(?!static\b)(?!typedef\b)[A-Za-z_][\w \t*]*?\b(\w+)\s*\([^;{}]*\)\s*\{",
                        re.M)


def definitions():
    """{function: {file under kernel/ with a non-static body of it}}"""
    found = collections.defaultdict(set)
    for path in glob.glob(os.path.join(KERNEL, "**", "*.c"), recursive=True):
        with open(path) as f:
            text = COMMENT.sub(" ", f.read())
        for m in DEFINITION.finditer(text):
            found[m.group(1)].add(os.path.relpath(path, KERNEL))
    return found


def make_var(name):
    p = subprocess.run(["make", "-s", "--no-print-directory", f"print-{name}"], cwd=TOP,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"make print-{name}: {p.stderr.strip()}")
    return p.stdout.split()


def ladder_table():
    """(chapters of the columns, [(piece, [functions], {chapter: file or None})])"""
    with open(os.path.join(TOP, "docs", "ladder.md")) as f:
        lines = [line.strip() for line in f]
    start = next(i for i, line in enumerate(lines) if line.startswith("| piece |"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    chapters = [int(c[2:]) for c in header[2:]]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        funcs = re.findall(r"`(\w+)`", cells[1])
        files = {}
        for ch, cell in zip(chapters, cells[2:]):
            m = re.fullmatch(r"`([\w/.]+)`", cell)
            files[ch] = m.group(1) if m else None
        rows.append((cells[0], funcs, files))
    return chapters, rows


class LadderTest(unittest.TestCase):
    def test_every_duplicated_function_is_in_the_table(self):
        _, rows = ladder_table()
        listed = {f for _, funcs, _ in rows for f in funcs}
        for name, files in sorted(definitions().items()):
            if len(files) > 1:
                with self.subTest(function=name):
                    self.assertIn(name, listed, f"{name} has bodies in {sorted(files)} but no "
                                  "row in docs/ladder.md")

    def test_cells_match_chapters_mk(self):
        chapters, rows = ladder_table()
        ladder = sorted({int(c) for a in make_var("ARCHES")
                         for c in make_var(f"CHAPTERS_{a}")})
        self.assertEqual(chapters, [c for c in ladder if c >= 2],
                         "docs/ladder.md needs a column per chapter from 2 on")
        defs = definitions()
        for piece, funcs, files in rows:
            self.assertTrue(funcs, f"row {piece!r} names no function")
            owners = set().union(*(defs.get(f, set()) for f in funcs))
            for ch in chapters:
                linked = set(make_var(f"KERNEL_CH{ch}"))
                with self.subTest(piece=piece, chapter=ch):
                    if files[ch] is None:
                        self.assertFalse(owners & linked, f"ch{ch} links {sorted(owners & linked)}")
                        continue
                    self.assertIn(files[ch], linked, f"ch{ch} does not link {files[ch]}")
                    for f in funcs:
                        self.assertIn(files[ch], defs.get(f, set()),
                                      f"{files[ch]} does not define {f}")
                    self.assertEqual(owners & linked, {files[ch]},
                                     f"ch{ch} links more than one body of {funcs}")


if __name__ == "__main__":
    unittest.main()
