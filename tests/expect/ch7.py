"""Chapter 7 (IPC). For now: the kernel side's own boot (ch7_pipes.py:
pipes, dup, exec arguments), and chapter 6's usertest, shell and short
fuzz on the chapter 7 kernel (nothing of chapter 6 may break; the fuzzer
calls dup once the kernel has it). The user programs of
chapter 7 (pipetest, the shell with pipelines, signals) add their runs here.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ch6  # noqa: E402
import ch7_pipes  # noqa: E402

TIMEOUT = ch6.TIMEOUT
KNOWN = ch6.KNOWN  # loongarch64: user data is executable (docs/ch4.md)


def runs(arch):
    first = ch6.transports(arch)[0]
    kept = [r for r in ch6.runs(arch)
            if r.get("name") == "shell" or r.get("name", "").startswith("fuzz") or
            ("name" not in r and r["knobs"][:2] == ["FS=easyfs", f"VIRTIO={first}"])]
    return ch7_pipes.runs(arch) + kept
