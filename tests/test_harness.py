"""test_harness.py - tests of the test harness itself.

A harness that cannot fail is worse than none: these show that a wrong
expectation, a forbidden line, and a kernel that never exits all fail, and
that a kernel that stops printing is reported as a hang.
"""
import contextlib
import io
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzz  # noqa: E402
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


class WatchdogTests(unittest.TestCase):
    """A kernel that stops printing is a hang, found within the limit; one
    that is slow but keeps printing is not."""

    def test_silent_process_is_a_hang(self):
        start = time.monotonic()
        status, out = run.boot("sh -c 'echo hi; sleep 100'", "/tmp/harness-hang.log", 60,
                               silence=2)
        took = time.monotonic() - start
        self.assertEqual(status, run.HANG)
        self.assertIn("hi", out)
        self.assertLess(took, 5, "the watchdog took too long")

    def test_chatty_slow_process_is_not(self):
        start = time.monotonic()
        status, out = run.boot("sh -c 'for i in 1 2 3 4 5 6 7; do echo tick $i; sleep 0.5; done'",
                               "/tmp/harness-chatty.log", 60, silence=2)
        self.assertEqual(status, 0)
        self.assertIn("tick 7", out)
        self.assertGreater(time.monotonic() - start, 3, "ran for longer than the limit")

    def test_hang_is_counted_apart_from_failures(self):
        res = run.Results()
        with contextlib.redirect_stdout(io.StringIO()) as out:
            res.hang("x ch6 fuzz", "no console output for 2 s")
        self.assertEqual((res.hung, res.failed), (1, 0))
        self.assertTrue(out.getvalue().startswith("HANG  x ch6 fuzz  -- no console output"))


class FuzzVerdictTests(unittest.TestCase):
    """tests/fuzz.py's checks of a run fail on a panic, a wrong count, an
    unexpected ending, a leak and a broken image."""
    GOOD = ("fuzz: child 0 (pid 3): 12 calls, exit(1): exit code 1\n"
            "fuzz: seed 5: 300 calls in 2 children, done\n"
            "[kernel] free frames: 100 at boot, 100 now\n")

    def verdicts(self, out, seed=5, calls=300):
        return {k: ok for k, (ok, _) in fuzz.verdicts(out, "/nonexistent.img", seed,
                                                      calls).items()}

    def test_good_run(self):
        v = self.verdicts(self.GOOD)
        self.assertTrue(all(ok for k, ok in v.items() if k != "fsck"), v)
        self.assertFalse(v["fsck"])  # no image: fsck must fail

    def test_bad_runs(self):
        self.assertFalse(self.verdicts(self.GOOD + "PANIC at x\n")["panic"])
        self.assertFalse(self.verdicts(self.GOOD, calls=301)["summary"])
        self.assertFalse(self.verdicts(self.GOOD, seed=6)["summary"])
        self.assertFalse(self.verdicts(self.GOOD.replace("done", "FAILED"))["summary"])
        self.assertFalse(self.verdicts(self.GOOD + "fuzz: child 1 UNEXPECTED\n")["unexpected"])
        self.assertFalse(self.verdicts(self.GOOD.replace("100 now", "99 now"))["leak"])
        self.assertFalse(self.verdicts(self.GOOD.replace("[kernel] free", "free"))["frames"])

    def test_seeds(self):
        self.assertEqual(fuzz.parse_seeds("7"), [7])
        self.assertEqual(fuzz.parse_seeds("1-3,9"), [1, 2, 3, 9])


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
