"""test_labs_loop.py - the course labs' whole loop, once per lab (run by
`make test`'s unit stage; a few minutes in all).

For each lab: make its student tree in a temporary folder (scripts/lab.py),
grade it on one arch (the arches rotate over the labs, so all four are
covered): the base lines must be there and every lab test must get 0
points; then put the reference solution back (every marked file of this
tree, solved) and grade again: full marks. Plus: no handout of the
student tree names a file the tree does not have.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "scripts"))
import lab  # noqa: E402

ARCH_OF = {3: "riscv64", 4: "aarch64", 5: "loongarch64", 6: "x86_64", 8: "riscv64"}
TOKEN = "5eed1ab5"
LINE = re.compile(r"^  (.+): (OK|FAIL) (\d+)/(\d+)", re.M)
PATH = re.compile(r"`((?:kernel|user|hal|tests|scripts|include|fs-image|docs)/[\w./-]+)`")


def marked_files():
    files = []
    for path in glob.glob(os.path.join(TOP, "kernel", "**", "*.[ch]"), recursive=True):
        if lab.labs_in(lab.read(path)):
            files.append(os.path.relpath(path, TOP))
    return files


def grade(tree, arch, chapter):
    p = subprocess.run([sys.executable, "tests/grade.py", "--arch", arch, "--chapter",
                        str(chapter), "--token", TOKEN], cwd=tree, capture_output=True,
                       text=True)
    return p.returncode, p.stdout + p.stderr


class LabsLoopTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not marked_files():
            raise unittest.SkipTest("no lab markers in this tree (a student tree)")

    def loop(self, chapter):
        arch = ARCH_OF[chapter]
        with tempfile.TemporaryDirectory(prefix=f"lab{chapter}-") as tmp:
            tree = os.path.join(tmp, "tree")
            p = subprocess.run([sys.executable, "scripts/lab.py", "tree", str(chapter), tree],
                               cwd=TOP, capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            log = subprocess.run(["git", "log", "--oneline"], cwd=tree, capture_output=True,
                                 text=True).stdout.splitlines()
            self.assertEqual(len(log), 1, "one commit")
            for doc in glob.glob(os.path.join(tree, "docs", "ch*.md")):
                for path in PATH.findall(lab.read(doc)):
                    path = path.rstrip(".")
                    self.assertTrue(os.path.exists(os.path.join(tree, path)) or "<" in path,
                                    f"{os.path.basename(doc)} names {path}, not in the tree")
            rc, out = grade(tree, arch, chapter)
            lines = LINE.findall(out)
            self.assertTrue(lines, out[-2000:])
            self.assertIn("base: OK", out, out[-2000:])
            for name, verdict, got, _ in lines:
                self.assertEqual(int(got), 0, f"stubbed lab {chapter}: {name} got points\n"
                                 + out[-2000:])
            self.assertNotEqual(rc, 0)
            # the reference solution back
            for f in marked_files():
                if os.path.exists(os.path.join(tree, f)):
                    lab.write(os.path.join(tree, f),
                              lab.transform(lab.read(os.path.join(TOP, f)), None, f))
            rc, out = grade(tree, arch, chapter)
            self.assertEqual(rc, 0, out[-2000:])
            self.assertRegex(out, r"Score: (\d+)/\1\n")
            shutil.rmtree(os.path.join(tree, "build"), ignore_errors=True)

    def test_lab3(self):
        self.loop(3)

    def test_lab4(self):
        self.loop(4)

    def test_lab5(self):
        self.loop(5)

    def test_lab6(self):
        self.loop(6)

    def test_lab8(self):
        self.loop(8)


if __name__ == "__main__":
    unittest.main()
