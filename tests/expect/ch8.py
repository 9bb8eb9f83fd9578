"""Chapter 8 (threads and synchronisation). Per arch: the kernel side's
boot (ch8_core.py: threads, mutexes, semaphores, condition variables,
deadlock detection, nothing leaked) and chapter 7's cell on the chapter 8
kernel (nothing of chapter 7 may break).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ch7  # noqa: E402
import ch8_core  # noqa: E402

TIMEOUT = ch7.TIMEOUT
KNOWN = ch7.KNOWN


def runs(arch):
    return ch8_core.runs(arch) + ch7.runs(arch)
