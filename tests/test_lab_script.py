"""test_lab_script.py - scripts/lab.py on small samples: the markers become
the solution or the stub, bad markers are refused, and chapters.mk and the
ladder table are cut to a lab's chapters. Also: every marker in the tree
parses, and each lab named in lab.py has markers."""
import glob
import os
import sys
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
