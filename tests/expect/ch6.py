"""Chapter 6 (file systems). Per arch, several boots:

- the chapter test (INIT=ch6_usertest) on easy-fs over every virtio
  transport the arch has, and on FAT32 over the default one; after each,
  the image must check clean on the host (our fsck-easyfs, or fsck.fat -n)
  and the files the guest wrote must read back on the host with the right
  bytes (easyfs-cat, or mtools);
- a disk that fills up (INIT=ch6_fill on a small image): writes stop with
  an error, nothing panics, the image checks clean afterwards;
- corrupted and foreign images: mount refuses with a clear message and the
  kernel powers off cleanly, no panic;
- the shell on a disk: ls, a file test, cat;
- a short fixed-seed run of the system call fuzzer (tests/fuzz.py): no
  panic or hang, every child ends as predicted, no frame leaked, the image
  checks clean.
- an image without a log (rCore's format) mounts, with a note, and works;
- a short crash test (tests/crashtest.py): 3 kills of QEMU in the middle of
  file system work, each image clean and in the state after an operation
  no earlier than the last close; then the workload runs to its end.
"""
import os
import sys
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOST = os.path.join(TOP, "build", "host")


def transports(arch):
    """The virtio transports of the arch (VIRTIO_TRANSPORTS in hal/<arch>/arch.mk)."""
    p = subprocess.run(["make", "-s", "--no-print-directory", f"ARCH={arch}",
                        "print-VIRTIO_TRANSPORTS"], cwd=TOP, capture_output=True, text=True)
    if p.returncode != 0 or not p.stdout.split():
        raise SystemExit(f"make ARCH={arch} print-VIRTIO_TRANSPORTS failed: {p.stderr.strip()}")
    return p.stdout.split()


TIMEOUT = 300
FUZZ_SEED = 1
FUZZ_CALLS = 20000  # about 10-15 s per arch (a minute at most is the budget)

NOTE = b"written by the guest\n"
LONG = bytes(ord("a") + i % 26 for i in range(20000))


def sh(*cmd):
    p = subprocess.run(cmd, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def last_line(so, se):
    """The last line a checker printed, for the check's description."""
    lines = (so + se).decode(errors="replace").strip().splitlines()
    return lines[-1][-160:] if lines else ""


def image_checks(fs, expect_files=True):
    """Host-side checks of the image after a run."""

    def checks(out, disk):
        results = []
        if fs == "easyfs":
            rc, so, se = sh(os.path.join(HOST, "fsck-easyfs"), disk)
            results.append((rc == 0, f"fsck-easyfs: image is consistent ({last_line(so, se)})"))
            read = lambda path: sh(os.path.join(HOST, "easyfs-cat"), disk, path)  # noqa: E731
        else:
            rc, so, se = sh("fsck.fat", "-n", disk)
            results.append((rc == 0, f"fsck.fat -n: image is consistent ({last_line(so, se)})"))
            read = lambda path: sh("mtype", "-i", disk, "::" + path)  # noqa: E731
        if expect_files:
            rc, data, _ = read("/guest/note.txt")
            results.append((rc == 0 and data == NOTE, "host reads /guest/note.txt back"))
            rc, data, _ = read("/guest/long file name.txt")
            results.append((rc == 0 and data == LONG,
                            "host reads /guest/long file name.txt back (20000 bytes)"))
        return results

    return checks


# Code copied to data, the stack or the heap must not run; loongarch64's
# known limitation: as in chapter 5.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ch5 import KNOWN, NX_KILLED, NX_RAN  # noqa: E402,F401

USERTEST_EXPECT = [
    r"^\[ INFO\] vfs: root is {fs} on vda$",
    r"^Hello, world from user mode program!$",
    r"^Test power_3 OK!$",
    r"^Test write A OK!$",
    r"^Test sleep1 passed!$",
    r"^ch4_exec_data: a copy of ret42 in a read/write/execute page returned 42$",
    r"^Test 04_1 OK!$",
    r"^Test sbrk almost OK!$",
    r"^child process pid = \d+, exit code = 100$",
    r"^Test waitpid OK!$",
    r"^Test getppid OK!$",
    r"^Test getppid orphan OK!$",
    r"^Test argv OK! argc = 5$",
    r"^file_test passed!$",
    r"^Hello, world!$",
    r"^Test file0 OK!$",
    r"^Test fstat OK!$",
    r"^Test mass open/unlink OK!$",
    r"^Test directories OK!$",
    r"^Test fs bad input OK!$",
    r"^Test paths OK!$",
    r"^Test big directory OK!$",
    r"^\[kernel\] bogus: cannot load: ",
    r"^huge_write: 4096 KiB in \d+ ms$",
    r"^Test huge_write OK!$",
    r"^diskstat: write\+close: [1-9]\d* writes \(\d+ sectors\), [1-9]\d* flushes; "
    r"drop_caches forgot \d+ blocks; read: [1-9]\d* reads \(\d+ sectors\)$",
    r"^Test diskstat OK!$",
    r"^Test keep OK!$",
    r"^ch6 Usertests passed!$",
    r"^\[kernel\] initproc exited with code 0; 0 processes still running$",
] + NX_KILLED
FORBID = [r"PANIC", r"FAIL: T\.T", r"Panicked at", r"accepted:", r"unknown system call",
          r"Usertests: Test (?!ch4b_sbrk|ch4_exec_)\w+ in Process \d+ exited with code (?!0$)",
          NX_RAN]


def spoil(offset, data):
    def prepare(disk):
        with open(disk, "r+b") as f:
            f.seek(offset)
            f.write(data)
    return prepare


def runs(arch):
    out = []
    have = transports(arch)
    combos = [("easyfs", t) for t in have] + [("fat", have[0])]
    for fs, transport in combos:
        name = "easy-fs" if fs == "easyfs" else "fat32"
        links = [r"^Test link OK!$"] if fs == "easyfs" else [
            r"^Usertests: no hard links on this file system; skipping ch6_file2$"]
        out.append({
            "knobs": [f"FS={fs}", f"VIRTIO={transport}", "INIT=ch6_usertest"],
            "known": True,
            "expect": [p.replace("{fs}", name) for p in USERTEST_EXPECT] + links,
            "forbid": FORBID,
            "checks": image_checks(fs),
        })
    # easy-fs: 8 MiB, room for the programs (loongarch64's are the biggest,
    # their segments aligned to 16 KiB pages) and a little more to fill
    for fs, mb in (("easyfs", 8), ("fat", 34)):
        out.append({
            "name": "disk full",
            "knobs": [f"FS={fs}", f"DISK_MB={mb}", "INIT=ch6_fill"],
            "expect": [r"^fill: the disk took \d+ KiB, then write returned -?\d+$",
                       r"^Test disk full OK!$"],
            "forbid": [r"PANIC", r"Panicked at"],
            "checks": image_checks(fs, expect_files=False),
        })
    out.append({
        "name": "foreign image",
        "knobs": ["FS=easyfs", "INIT=ch6_usertest"],
        "prepare": spoil(0, b"\x5a" * 4096),
        "expect": [r"vfs: vda holds neither easy-fs nor FAT32",
                   r"^\[kernel\] no root file system, so no programs to run; powering off$"],
        "forbid": [r"PANIC"],
        "status": None,
    })
    out.append({
        "name": "corrupted easy-fs",
        "knobs": ["FS=easyfs", "INIT=ch6_usertest"],
        "prepare": spoil(4, b"\xff\xff\xff\x7f"),  # super block: total_blocks absurd
        "expect": [r"easy-fs", r"^\[kernel\] no root file system, so no programs to run; "
                   r"powering off$"],
        "forbid": [r"PANIC"],
        "status": None,
    })
    out.append({
        "name": "shell",
        "knobs": ["FS=easyfs"],
        "session": [
            ("expect", r"C user shell\n>> "),
            ("send", "ls\r"),
            ("expect", r"\nch6_file0\n[\s\S]*Shell: Process \d+ exited with code 0\n>> "),
            ("send", "ch6b_filetest_simple\r"),
            ("expect", r"file_test passed!\nShell: Process \d+ exited with code 0\n>> "),
            ("send", "ch6b_cat\r"),
            ("expect", r"Hello, world!\nShell: Process \d+ exited with code 0\n>> "),
            ("send", "exit\r"),
            ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
        ],
        "forbid": [r"PANIC"],
    })
    out.append({
        "name": "no log",  # rCore's easy-fs-fuse images have none
        "knobs": ["FS=easyfs", "INIT=ch6_usertest"],
        "known": True,
        "prepare": spoil(24, b"\0" * 12),  # the log's description in the super block
        "expect": [r"easy-fs: vda: no log \(an rCore image\?\): mounted without crash safety",
                   r"^ch6 Usertests passed!$"],
        "forbid": FORBID,
        "checks": image_checks("easyfs"),
    })
    sys.path.insert(0, os.path.join(TOP, "tests"))
    import fuzz
    out.append(fuzz.entry(FUZZ_SEED, FUZZ_CALLS))
    import crashtest
    out.append(crashtest.entry(arch))
    return out
