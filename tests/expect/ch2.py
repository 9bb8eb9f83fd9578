"""Chapter 2 (batch): the ch2b programs run one by one in user mode; the
four bad ones are killed with a message naming the fault; then the kernel
says so and powers off. Lines are those of the rCore checker (ch2b)."""

M = 998244353


def power(p, n):
    return rf"^{p}\^{n} = {pow(p, n, M)}\(MOD {M}\)$"


EXPECTED = [
    r"^=== TeachOS: arch {arch}, chapter 2, cpu 0, LOG=info ===$",
    r"^Hello, world from user mode program!$",
    power(3, 200000), r"^Test power_3 OK!$",
    power(5, 140000), r"^Test power_5 OK!$",
    power(7, 160000), r"^Test power_7 OK!$",
    r"^\[kernel\] ch2b_bad_address: page fault \(store\) at 0x0, pc 0x[0-9a-f]+, killed$",
    r"^\[kernel\] ch2b_bad_instructions: illegal instruction .*killed$",
    r"^\[kernel\] ch2b_bad_register: illegal instruction .*killed$",
    # a plain C null store, kept by -fno-delete-null-pointer-checks
    r"^\[kernel\] ch2_null_store: page fault \(store\) at 0x0, pc 0x[0-9a-f]+, killed$",
    r"^\[kernel\] ch2b_hello_world exited with code 0$",
    r"^All applications completed!$",
]

FORBIDDEN = [
    r"FAIL: T\.T",
    r"PANIC",
    r"Panicked",
    r"exited with code -?[1-9]",
    r"unknown system call",
]

TIMEOUT = 60
