"""Chapter 5 (processes). Two boots per arch:

1. The chapter test: ch5_usertest runs as initproc (make INIT=ch5_usertest),
   runs every test program (rCore checker lines), a fork bomb and the stride
   test, and exits; the kernel then reports the free frames, which must be
   back to their boot value, and powers off.
2. The boot-to-usershell test: the default initproc starts the shell; the
   harness types commands on the serial console and reads the answers.
"""
import re

KNOBS = ["INIT=ch5_usertest"]

# Code copied to data, the stack or the heap must not run: each
# ch4_exec_* child is killed by a fetch fault, code -2 (see ch4.py).
NX_KILLED = [rf"^\[kernel\] ch4_exec_{k}: page fault \(fetch\) at 0x[0-9a-f]+, .*killed$"
             for k in ("data", "stack", "heap")] + [
    rf"^Usertests: Test ch4_exec_{k} in Process \d+ exited with code -2$"
    for k in ("data", "stack", "heap")]
NX_RAN = r"^ch4_exec_\w+: the copy .* ran and returned"

EXPECTED = [
    r"^=== TeachOS: arch {arch}, chapter 5, cpu 0, LOG=info ===$",
    r"^\[ INFO\] initproc: ch5_usertest, pid 1$",
    # ch2b-ch4 programs, as children of usertest
    r"^Hello, world from user mode program!$",
    r"^Test power_3 OK!$", r"^Test power_5 OK!$", r"^Test power_7 OK!$",
    r"^Test write A OK!$", r"^Test write B OK!$", r"^Test write C OK!$",
    r"^Test sbrk almost OK!$",
    r"^get_time OK! \d+$", r"^Test sleep OK!$", r"^Test sleep1 passed!$",
    r"^Test 04_1 OK!$", r"^Test 04_4 test OK!$", r"^Test 04_5 ummap OK!$",
    r"^Test 04_6 ummap2 OK!$",
    # ch5b (rCore checker)
    r"^exit pass\.$",
    r"^sys_wait without child process test passed!$",
    r"^child process pid = \d+, exit code = 100$",
    r"^forktest pass\.$",
    r"^forktest2 test passed!$",
    r"^pid\d+: 0101$",
    r"^Basic usertests passed!$",
    # ch5 lab (rCore checker)
    r"^Test getpid OK! pid = \d+$",
    r"^Test spawn0 OK!$",
    r"^Test wait OK!$",
    r"^Test waitpid OK!$",
    r"^Test set_priority OK!$",
    r"^Test unmap with a full area table OK!$",
    r"^Test mmap holes OK!$",
    r"^Test getppid OK!$",
    r"^Test getppid orphan OK!$",
    r"^Test argv OK! argc = 5$",
    r"^Test task_info bound OK!$",
    r"^Test mmap prot OK!$",
    r"^ch5_prio_hog: \d+ turns; ran in \d+ of 20 windows of 100 ms; longest wait \d+ ms$",
    r"^Test priority hog OK!$",
    r"^ch5_sleep_cpu: counted \d+ thousand in 500 ms beside a sleeper$",
    r"^Test sleep uses no CPU OK!$",
    # killed children report rCore's exit codes
    r"^Usertests: Test ch4_mmap1 in Process \d+ exited with code -2$",
    r"^Usertests: Test ch4b_sbrk in Process \d+ exited with code -2$",
    # every program meant to fault is killed, with rCore's codes, on every arch
    r"^Usertests: Test ch2b_bad_address in Process \d+ exited with code -2$",
    r"^Usertests: Test ch2b_bad_instructions in Process \d+ exited with code -3$",
    r"^Usertests: Test ch2b_bad_register in Process \d+ exited with code -3$",
    r"^Usertests: Test ch2_null_store in Process \d+ exited with code -2$",
    r"^Usertests: Test ch4_load_fault in Process \d+ exited with code -2$",
    r"^Usertests: Test ch4_store_fault in Process \d+ exited with code -2$",
    r"^\[kernel\] ch2_null_store: page fault \(store\) at 0x0, .*killed$",
    r"^ch4_exec_data: a copy of ret42 in a read/write/execute page returned 42$",
    # copy-on-write fork (ch5_cow)
    r"^ch5_cow: parent and child each see their own page$",
    r"^ch5_cow: fork of a process with 64 MiB mapped: \d+ us$",
    r"^ch5_cow: fork of 64 MiB \(\d+ pages\) took \d+ frames until written$",
    r"^ch5_cow: the child's writes did not reach the parent$",
    r"^\[kernel\] ch5_cow: out of memory for a copy-on-write page at 0x[0-9a-f]+, pc 0x[0-9a-f]+, "
    r"killed$",
    r"^ch5_cow: the child ended with code -2$",
    r"^ch5_cow: out of memory killed only the child$",
    r"^Test copy-on-write fork OK!$",
    r"^Usertests: Test ch5_cow in Process \d+ exited with code 0$",
    # fork bomb: fork fails, the kernel survives, everything is reaped
    r"^forkbomb: fork failed with -1 after \d+ children",
    r"^Test fork bomb OK!$",
    r"^ch5 Usertests passed!$",
    r"^\[kernel\] initproc exited with code 0; 0 processes still running$",
] + NX_KILLED

FORBIDDEN = [
    r"FAIL: T\.T",
    r"PANIC",
    r"Test sbrk failed!",
    r"Should cause error",
    r"ch5_cow: FAIL",
    r"unknown system call",
    r"cannot (load|exec)",
    r"Panicked at (?!src/ch4_mmap2)",
    r"Usertests: Test (?!ch4_mmap1|ch4_mmap2|ch4b_sbrk|ch2b_bad_|ch2_null_store|ch4_load_fault"
    r"|ch4_store_fault|ch4_exec_)\w+ in Process \d+ exited with code (?!0$)",
    NX_RAN,
]

TIMEOUT = 240

# loongarch64: no no-execute user pages under QEMU 7.2 (docs/ch4.md); the
# copies run and their programs exit with 1.
KNOWN = {"loongarch64": [{
    "why": "user data, stack and heap are executable: QEMU 7.2 hangs the machine on a "
           "fetch from a no-execute page, so the TLB refill clears NX (docs/ch4.md)",
    "replaces": NX_KILLED + [NX_RAN],
    "instead": [rf"^ch4_exec_{k}: the copy .* ran and returned 42: " for k in
                ("data", "stack", "heap")] +
               [rf"^Usertests: Test ch4_exec_{k} in Process \d+ exited with code 1$" for k in
                ("data", "stack", "heap")],
}]}


def checks(out):
    results = []
    m = re.search(r"^\[kernel\] free frames: (\d+) at boot, (\d+) now$", out, re.M)
    if m is None:
        results.append((False, "free-frame report printed"))
    else:
        before, after = int(m.group(1)), int(m.group(2))
        results.append((before == after and before > 0,
                        f"no frames leaked (free at boot {before}, at the end {after})"))
    found = re.findall(r"^priority = (\d+), exitcode = (\d+), ratio = \d+$", out, re.M)
    if len(found) != 6:
        results.append((False, f"six stride results printed (found {len(found)})"))
    else:
        ratios = [int(count) / int(prio) for prio, count in found]
        spread = max(ratios) / min(ratios)
        results.append((spread < 1.5, f"stride shares follow priority "
                        f"(max/min of count/priority = {spread:.3f} < 1.5)"))
    return results


# The boot-to-usershell test: what is typed, and what must come back.
SHELL_SESSION = [
    ("expect", r"C user shell\n>> "),
    ("send", "ch5b_forktest_simple\r"),
    ("expect", r"child process pid = \d+, exit code = 100\n"
               r"Shell: Process \d+ exited with code 0\n>> "),
    ("send", "no_such_program\r"),
    ("expect", r"Shell: no_such_program: no such program\n"
               r"Shell: Process \d+ exited with code -4\n>> "),
    ("send", "ch2b_bad_address\r"),
    ("expect", r"ch2b_bad_address: page fault \(store\) at 0x0.*killed\n"
               r"Shell: Process \d+ exited with code -2\n>> "),
    ("send", "ch2b_bad_instructionz\x7fs\r"),  # a typo, deleted and fixed
    ("expect", r"illegal instruction.*killed\nShell: Process \d+ exited with code -3\n>> "),
    # slow typing, a key every 200 ms: the shell sleeps between keys (the
    # console is polled every 10 ms) and must echo each key exactly once
    ("type", ("ch5_getpid\r", 0.2)),
    ("expect", r"(?<=>> )ch5_getpid\nTest getpid OK! pid = \d+\n"
               r"Shell: Process \d+ exited with code 0\n>> "),
    ("send", "exit\r"),
    ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
]
SHELL_FORBIDDEN = [r"PANIC", r"FAIL: T\.T"]
