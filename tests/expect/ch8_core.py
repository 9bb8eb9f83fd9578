"""Chapter 8, the kernel side of threads and locks: one boot with
INIT=ch8_threads_core (user/src/ch8_threads_core.c): tids, 16 threads
adding under a blocking mutex (exact), semaphore hand-off, a condition
variable, a thread that dies holding a mutex, the deadlock detector's
refusal, SIGSTOP stopping every thread, the main thread exiting while another sleeps on a lock; then no
frame and no thread slot may be left over.

tests/expect/ch8.py, the chapter's cell, calls runs(arch) among its own.
"""
import re

EXPECT = [
    r"^OK: the first threads are tids 1, 2, 3$",
    r"^counter = 32000$",
    r"^OK: 16 threads under a blocking mutex: exact sum$",
    r"^OK: its mutex was passed on \(free again\)$",
    r"^OK: locking a mutex twice is refused \(-0xDEAD\)$",
    r"^OK: SIGSTOP stops every thread of the process until SIGCONT$",
    r"^OK: main exits while a thread sleeps on a lock: the process is reaped$",
    r"^ch8_threads_core passed!$",
    r"^\[kernel\] initproc exited with code 0; 0 processes still running$",
    r"^\[kernel\] thread slots in use: 1 \(initproc's own\)$",
]
FORBID = [r"PANIC", r"^FAIL", r"Panicked at", r"unknown system call"]


def leftovers(out, disk=None):
    m = re.search(r"^\[kernel\] free frames: (\d+) at boot, (\d+) now$", out, re.M)
    if m is None:
        return [(False, "free-frame report printed")]
    before, after = int(m.group(1)), int(m.group(2))
    return [(before == after and before > 0,
             f"no frames leaked (free at boot {before}, at the end {after})")]


def runs(arch):
    return [{
        "name": "threads",
        "knobs": ["FS=easyfs", "INIT=ch8_threads_core"],
        "expect": EXPECT,
        "forbid": FORBID,
        "checks": leftovers,
    }]
