"""Chapter 4 (address spaces): programs are ELF files loaded into their own
address spaces. The rCore checker's ch4 lines, our fault and bad-pointer
programs, and a frame-leak check: the free-frame count after every program
has ended must equal the count before the first was loaded."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ch3  # noqa: E402

EXPECTED = [p.replace("chapter 3", "chapter 4") for p in ch3.EXPECTED] + [
    r"^\[ INFO\] heap: kmalloc/kfree self-test passed$",
    r"^Test 04_1 OK!$",
    r"^\[kernel\] ch4_mmap1: page fault \(store\) at 0x10000000, .*killed$",
    r"^Test 04_4 test OK!$",
    r"^Test 04_5 ummap OK!$",
    r"^Test 04_6 ummap2 OK!$",
    r"^Test sbrk almost OK!$",
    r"^\[kernel\] ch4b_sbrk: page fault \(store\) at 0x[0-9a-f]+, .*killed$",
    r"^\[kernel\] ch4_load_fault: page fault \(load\) at 0xfffffffffffff000, .*killed$",
    r"^\[kernel\] ch4_store_fault: page fault \(store\) at 0x[0-9a-f]+, .*killed$",
    r"^Test bad pointers OK!$",
    r"^Test unmap with a full area table OK!$",
    r"^Test mmap holes OK!$",
    r"^\[kernel\] ch4_bad_pointers exited with code 0$",
]

FORBIDDEN = [
    r"FAIL: T\.T",
    r"PANIC",
    r"Test sbrk failed!",
    r"Should cause error, Test 04_2 fail!",
    r"Should cause error, Test 04_3 fail!",
    r"bad pointer accepted",
    r"unknown system call",
    r"cannot load",
    # Every program but ch4_mmap2 (whose assertion is its expected way out)
    # must exit with 0 or be killed.
    r"^(?!.*ch4_mmap2).*exited with code -?[1-9]",
]

TIMEOUT = 120


def checks(out):
    """The frame-leak check."""
    m = re.search(r"^\[kernel\] free frames: (\d+) before loading the programs, "
                  r"(\d+) after they ended$", out, re.M)
    if m is None:
        return [(False, "free-frame report printed")]
    before, after = int(m.group(1)), int(m.group(2))
    return [(before == after and before > 0,
             f"no frames leaked (free before {before}, after {after})")]
