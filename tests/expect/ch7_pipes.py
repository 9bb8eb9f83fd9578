"""Chapter 7, the kernel side of IPC: pipes, dup and exec's arguments.

runs(arch) is one boot with INIT=ch7_pipe_usertest (user/src/ch7_*.c):
end of file once every write end is closed (a fork's and a dup's copies
included, a writer that exits), blocking readers and writers, 512-byte
atomic writes from two writers, 64 KiB parent to child with a checksum,
dup sharing the offset, pipe and dup bad input (-EFAULT, -EMFILE, -EBADF,
-EPIPE, no descriptor leaked), exec with too many or too long arguments or
bad pointers (-E2BIG, -EFAULT, the program goes on), 256 arguments of
almost 64 KiB, a read() into a copy-on-write page; then no frame may be missing at the end (pipe pages and
argument buffers all given back).

tests/expect/ch7.py, the chapter's cell, calls runs(arch) among its own.
"""
import re

EXPECT = [
    r"^Test pipe eof OK!$",
    r"^Test pipe blocking OK!$",
    r"^Test pipe atomic writes OK!$",
    r"^Test pipe 64 KiB with checksum OK!$",
    r"^Test dup OK!$",
    r"^Test pipe bad input OK!$",
    r"^Test exec bad arguments OK!$",
    r"^Test exec 256 arguments, 64 KiB OK!$",
    r"^Test argv OK! argc = 5$",
    r"^Test read into a copy-on-write page OK!$",
    r"^ch7 pipe Usertests passed!$",
    r"^\[kernel\] initproc exited with code 0; 0 processes still running$",
]
FORBID = [r"PANIC", r"FAIL: T\.T", r"Panicked at", r"unknown system call",
          r"Usertests: Test \w+ in Process \d+ exited with code (?!0$)"]


def free_frames(out):
    m = re.search(r"^\[kernel\] free frames: (\d+) at boot, (\d+) now$", out, re.M)
    if m is None:
        return [(False, "free-frame report printed")]
    before, after = int(m.group(1)), int(m.group(2))
    return [(before == after and before > 0,
             f"no frames leaked (free at boot {before}, at the end {after})")]


def runs(arch):
    return [{
        "name": "pipes",
        "knobs": ["FS=easyfs", "INIT=ch7_pipe_usertest"],
        "expect": EXPECT,
        "forbid": FORBID,
        "checks": lambda out, disk=None: free_frames(out),
    }]
