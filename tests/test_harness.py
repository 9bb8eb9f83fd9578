"""test_harness.py - tests of the test harness itself.

A harness that cannot fail is worse than none: these show that a wrong
expectation, a forbidden line, and a kernel that never exits all fail.
"""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


class MatchTests(unittest.TestCase):
    LOG = "=== banner ===\nHello, world!\n[ INFO] done\n"

    def test_expected_found(self):
        self.assertTrue(all(ok for ok, _ in run.match_output(self.LOG, [r"^Hello, world!$"], [])))

    def test_expected_missing_fails(self):
        checks = run.match_output(self.LOG, [r"^Goodbye$"], [])
        self.assertFalse(checks[0][0])

    def test_forbidden_present_fails(self):
        checks = run.match_output(self.LOG, [], [r"Hello"])
        self.assertFalse(checks[0][0])

    def test_known_limitation_must_still_be_seen(self):
        known = [{"why": "w", "replaces": [r"^Goodbye$", r"Hello"], "instead": [r"^Hello"]}]
        expected, forbidden = run.apply_known(known, [r"^Goodbye$"], [r"Hello"])
        self.assertTrue(all(ok for ok, _ in run.match_output(self.LOG, expected, forbidden)))
        checks = run.match_output("nothing\n", expected, forbidden)
        self.assertFalse(all(ok for ok, _ in checks))

    def test_timeout_is_reported(self):
        status, out = run.boot("echo started; sleep 30", "/tmp/harness-selftest.log", 1)
        self.assertIsNone(status)
        self.assertIn("started", out)


class RealBootTests(unittest.TestCase):
    def test_wrong_expectation_fails_the_run(self):
        """Boot riscv64 chapter 1 with an expectation it cannot meet."""
        p = subprocess.run([sys.executable, os.path.join(run.TOP, "tests", "run.py"),
                            "--arch", "riscv64", "--chapter", "1",
                            "--expect", "^this line is never printed$"],
                           capture_output=True, text=True)
        self.assertNotEqual(p.returncode, 0, p.stdout)
        self.assertIn("FAIL  riscv64 ch1: expect /^this line is never printed$/", p.stdout)
        self.assertRegex(p.stdout, r"\n\d+ passed, [1-9]\d* failed\n")


if __name__ == "__main__":
    unittest.main()
