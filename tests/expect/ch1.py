"""Chapter 1 (LibOS): the kernel boots, greets, shows its layout and powers off."""

EXPECTED = [
    r"^=== TeachOS: arch {arch}, chapter 1, cpu 0, LOG=info ===$",
    r"^Hello, world!$",
    r"^\[ INFO\] kernel image \[0x[0-9a-f]+, 0x[0-9a-f]+\) at physical 0x[0-9a-f]+$",
    r"^\[ INFO\] \.text +\[0x[0-9a-f]+, 0x[0-9a-f]+\)$",
    r"^\[ INFO\] \.rodata +\[0x[0-9a-f]+, 0x[0-9a-f]+\)$",
    r"^\[ INFO\] \.data +\[0x[0-9a-f]+, 0x[0-9a-f]+\)$",
    r"^\[ INFO\] \.bss +\[0x[0-9a-f]+, 0x[0-9a-f]+\)$",
    r"^\[ INFO\] free RAM \[0x[0-9a-f]+, 0x[0-9a-f]+\) [1-9][0-9]{4,} KiB$",
    r"^\[ERROR\] log level error is shown$",
    r"^\[ INFO\] chapter 1 done, powering off$",
]

FORBIDDEN = [
    r"PANIC",
    r"power off \(failure\)",
    r"log level debug is shown",  # LOG=info hides debug and trace
]

TIMEOUT = 30

# LOG is chosen at build time: trace shows every level, error hides the rest.
VARIANTS = [
    {
        "knobs": ["LOG=trace"],
        "expect": [r"^=== TeachOS: arch {arch}, chapter 1, cpu 0, LOG=trace ===$",
                   r"^\[TRACE\] log level trace is shown$",
                   r"^\[DEBUG\] log level debug is shown$"],
        "forbid": [r"PANIC"],
    },
    {
        "knobs": ["LOG=error"],
        "expect": [r"^\[ERROR\] log level error is shown$", r"^Hello, world!$"],
        "forbid": [r"\[ INFO\]", r"\[ WARN\]"],
    },
]
