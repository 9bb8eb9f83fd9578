"""test_lab_script.py - scripts/lab.py on small samples: the markers become
the solution or the stub, bad markers are refused, chapters.mk, the ladder
table, later chapters' `#if CHAPTER` blocks and the documents are cut to a
lab's chapters. Also: every marker in the tree parses, each lab named in
lab.py has markers, and every lab's student tree has no later chapter's
kernel source and no document naming a file it does not have."""
import contextlib
import glob
import io
import os
import re
import sys
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "scripts"))
import lab  # noqa: E402

SAMPLE = """int f(void)
{
	/* LAB 5 spawn: BEGIN */
	return 42;
	/* LAB 5 spawn: STUB
	return -1;
	   LAB 5 spawn: END */
}
/* LAB 3 info: BEGIN */
static int helper;
/* LAB 3 info: END */
"""


class TransformTest(unittest.TestCase):
    def test_solved(self):
        self.assertEqual(lab.transform(SAMPLE, None),
                         "int f(void)\n{\n\treturn 42;\n}\nstatic int helper;\n")

    def test_stubbed(self):
        out = lab.transform(SAMPLE, 5)
        self.assertIn("\treturn -1;\n", out)
        self.assertNotIn("return 42", out)
        self.assertIn("static int helper;", out)  # lab 3: solved
        self.assertIn("/* Lab 5 (spawn): your code here; see docs/ch5.md. */", out)
        self.assertNotRegex(out, lab.ANY)

    def test_stub_without_stub_text(self):
        self.assertEqual(lab.transform(SAMPLE, 3).count("helper"), 0)

    def test_bad_markers(self):
        for bad in ["/* LAB 5 a: BEGIN */\nx;\n",  # no END
                    "/* LAB 5 a: BEGIN */\nx;\n/* LAB 5 b: END */\n",  # another lab's END
                    "x;\n/* LAB 5 a: END */\n",  # END alone
                    "/* LAB 5 a: BEGIN */\n/* LAB 5 b: BEGIN */\n/* LAB 5 a: END */\n",
                    "/* LAB 5 a: BEGIN */\nx;\n/* LAB 5 a: STUB\ny;\n"]:  # stub not closed
            with self.subTest(bad=bad):
                with self.assertRaises(lab.MarkerError):
                    lab.transform(bad, 5)

    def test_every_marker_in_the_tree_parses(self):
        found = set()
        for path in glob.glob(os.path.join(TOP, "kernel", "**", "*.[ch]"), recursive=True):
            text = lab.read(path)
            for n in [None] + sorted(lab.LABS):
                lab.transform(text, n, path)
            found |= lab.labs_in(text)
        if not found:
            self.skipTest("no lab markers in this tree (a student tree)")
        for n, names in lab.LABS.items():
            for name in names:
                self.assertIn((n, name), found, f"lab {n} {name} has no markers")


class CutTest(unittest.TestCase):
    def test_chapters_mk(self):
        mk = ("CHAPTERS_riscv64 := 1 2 3 4 5 6\n"
              "KERNEL_CH5 := a.c \\\n\tb.c\n"
              "# chapter 6: disks\nKERNEL_CH6 := $(KERNEL_CH5) \\\n\tc.c\n"
              "APPS_CH6 += x\nDISK_CHAPTERS := 6 7\nKERNEL_SRCS = $(KERNEL_CH$(CHAPTER))\n")
        out = lab.cut_chapters_mk(mk, 5)
        self.assertEqual(out, "CHAPTERS_riscv64 := 1 2 3 4 5\nKERNEL_CH5 := a.c \\\n\tb.c\n"
                         "DISK_CHAPTERS := \nKERNEL_SRCS = $(KERNEL_CH$(CHAPTER))\n")

    def test_ladder(self):
        md = ("text\n\n| piece | functions | ch2 | ch5 | ch6 |\n|---|---|---|---|---|\n"
              "| a | `f` | `x.c` | `y.c` | `z.c` |\n| b | `g` | — | — | `w.c` |\n\nafter\n")
        self.assertEqual(lab.cut_ladder(md, 5),
                         "text\n\n| piece | functions | ch2 | ch5 |\n|---|---|---|---|\n"
                         "| a | `f` | `x.c` | `y.c` |\n\nafter\n")


class ChapterIfTest(unittest.TestCase):
    def test_later_chapters_cut(self):
        src = ("a;\n#if CHAPTER >= 3\nb;\n#endif\n#if CHAPTER >= 7\nc;\n#ifdef X\nd;\n"
               "#endif\n#else\ne;\n#endif\n#if CHAPTER >= 9\nf;\n#endif\n")
        self.assertEqual(lab.cut_chapter_ifs(src, 5),
                         "a;\n#if CHAPTER >= 3\nb;\n#endif\ne;\n")

    def test_bad(self):
        for bad in ["#if CHAPTER >= 9\nx;\n", "#endif\n",
                    "#if CHAPTER >= 9\n#elif 1\n#endif\n"]:
            with self.assertRaises(lab.MarkerError):
                lab.cut_chapter_ifs(bad, 5)


class DocCutTest(unittest.TestCase):
    FULL = lab.tree_paths(["kernel/fs/bcache.c", "kernel/mm/vm.c", "docs/ch5.md",
                           "docs/ch6.md", "hal/riscv64/trap.S", "hal/riscv64/plic.c"])
    STUDENT = lab.tree_paths(["kernel/mm/vm.c", "docs/ch5.md", "hal/riscv64/trap.S"])

    def test_mentions(self):
        text = ("`mm/vm.c`, `fs/bcache.c` and [ch6](ch6.md); `hal/<arch>/trap.S`, "
                "`hal/<arch>/plic.c`, QEMU's `hw/intc/foo.c`, `kernel/fs/`.")
        self.assertEqual(lab.missing_mentions(text, self.FULL, self.STUDENT),
                         ["fs/bcache.c", "ch6.md", "hal/<arch>/plic.c", "kernel/fs/"])

    def test_cut(self):
        md = ("# T\n\nOne `mm/vm.c`. Two `fs/bcache.c` here. Three.\n\n"
              "| file | what |\n|---|---|\n| `plic.c` | irq |\n| `trap.S` | traps, `ch6.md` |\n"
              "\n## Disks (chapter 6)\n\ntext\n\n## More\n\nFrom chapter 6 on, x.\n\n"
              "| no | call | from chapter |\n|---|---|---|\n| 1 | a | 5 |\n| 2 | b | 6 |\n")
        self.assertEqual(lab.cut_doc(md, 5, self.FULL, self.STUDENT),
                         "# T\n\nOne `mm/vm.c`. Three.\n\n| file | what |\n|---|---|\n"
                         "| `trap.S` | traps|\n\n## More\n\n"
                         "| no | call | from chapter |\n|---|---|---|\n| 1 | a | 5 |\n")


class StudentTreeTest(unittest.TestCase):
    """The student tree of every lab: no file of a later chapter's kernel,
    no `#if CHAPTER >= K` of a later chapter, and no document naming a
    file the tree does not have (one the full tree has)."""

    def test_trees(self):
        files = lab.tracked_files(TOP)
        if not any(lab.labs_in(lab.read(os.path.join(TOP, f))) for f in files
                   if f.startswith("kernel/") and f.endswith((".c", ".h"))):
            self.skipTest("no lab markers in this tree (a student tree)")
        full = lab.tree_paths(files)
        for n in sorted(lab.LABS):
            with self.subTest(lab=n), tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "tree")
                with contextlib.redirect_stdout(io.StringIO()):
                    lab.make_tree(n, out)
                mine = lab.tracked_files(out)
                student = lab.tree_paths(mine)
                later = set()
                for k in range(n + 1, 10):
                    later |= {"kernel/" + f for f in lab.make_var(f"KERNEL_CH{k}")}
                for k in range(1, n + 1):
                    later -= {"kernel/" + f for f in lab.make_var(f"KERNEL_CH{k}")}
                self.assertFalse(later & set(mine), f"lab {n}: later chapters' sources")
                if n < 8:  # chapter 8's threads, locks and coroutines
                    self.assertFalse({"user/lib/thread.c", "user/lib/sync.c",
                                      "user/lib/riscv64/coro.S"} & set(mine), f"lab {n}")
                if n < 9:  # chapter 9's network and screen
                    self.assertFalse({"user/lib/net.c", "kernel/net/net.h",
                                      "kernel/drivers/gpu.h"} & set(mine), f"lab {n}")
                for f in mine:
                    path = os.path.join(out, f)
                    if f.startswith("third_party/"):
                        continue
                    if f.endswith((".c", ".h", ".S")):
                        for m in re.finditer(r"^\s*#\s*if\s+CHAPTER\s*>=\s*(\d+)",
                                             lab.read(path), re.M):
                            self.assertLessEqual(int(m.group(1)), n, f"lab {n}: {f}")
                    if f.endswith(".md"):
                        self.assertEqual(lab.missing_mentions(lab.read(path), full, student),
                                         [], f"lab {n}: {f} names files not in the tree")


class GradeTokenTest(unittest.TestCase):
    """A lab test's points need this run's token on its OK line: a kernel
    (or a stub) printing the bare line, or an old token, gets nothing."""

    def test_token_required(self):
        sys.path.insert(0, os.path.join(TOP, "tests"))
        import grade
        ok = "Test set_priority OK!"
        for out, points in [(ok + "\n", 0), (ok + " [grade 0bad]\n", 0),
                            (ok + " [grade 5eed]\n", 20), ("x" + ok + " [grade 5eed]\n", 0)]:
            results, _ = grade.score(5, out, "5eed")
            got = {name: g for name, _, g, _ in results}
            self.assertEqual(got["set_priority"], points, out)


if __name__ == "__main__":
    unittest.main()
