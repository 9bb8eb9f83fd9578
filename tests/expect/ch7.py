"""Chapter 7 (pipes, dup, arguments, redirection, pipelines, signals). Per
arch, five boots:

- the chapter test (INIT=ch7_usertest) on easy-fs and on FAT32: rCore's
  ch7 usertests (ch7b_usertest, every checker line), the faults of earlier
  chapters now killing with signal exit codes (SIGSEGV -11, SIGILL -4), a
  program interrupted by SIGINT after a timeout (-2), the bad-input
  program ch7_bad (one OK/FAIL line per check); then the free frames must
  be back to their boot value and the image must check clean on the host;
- the kernel side's boot (tests/expect/ch7_pipes.py: pipes, dup, exec's
  arguments and limits) and chapter 6's short fuzz on this kernel;
- the boot-to-usershell test (the chapter's initproc starts user_shell):
  arguments, `>` and `<`, pipelines of two and four programs, refused
  redirections, an unknown program, Ctrl-C at the prompt (the shell lives)
  and during `infloop` (the program dies with -2, the prompt comes back),
  `exit`; the file the shell wrote reads back on the host.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ch6  # noqa: E402
import ch7_pipes  # noqa: E402
from ch6 import HOST, image_checks  # noqa: E402

TIMEOUT = 300

# The programs rCore's usertests run, and what each prints (checker lines
# first: ch7b = ch6b + signal_simple, pipetest, pipe_large_test).
CH7B_EXPECT = [
    r"^file_test passed!$",
    r"^Hello, world!",  # cat filea: the file has no newline
    r"^argc = 4$", r"^argv\[0\] = cmdline_args$", r"^argv\[1\] = 1$", r"^argv\[3\] = 3$",
    r"^exit pass\.$",
    r"^sys_wait without child process test passed!$",
    r"^child process pid = \d+, exit code = 100$",
    r"^forktest pass\.$",
    r"^forktest2 test passed!$",
    r"^pid\d+: 0101$",
    r"^Hello, world from user mode program!$",
    r"^Test huge_write OK!$",
    r"^Read OK, child process exited!$",
    r"^pipetest passed!$",
    r"^sum = \d+\(child\)$", r"^sum = \d+\(parent\)$", r"^Child process exited!$",
    r"^pipe_large_test passed!$",
    r"^Iter 0 OK\.$", r"^Iter 4 OK\.$",
    r"^Test sleep1 passed!$",
    r"^signal_simple: sigaction$", r"^signal_simple: kill$", r"^user_sig_test passed$",
    r"^signal_simple: Done$",
    r"^signal_simple2: child sigaction$", r"^signal_simple2: parent kill child$",
    r"^signal_simple2: parent wait child$", r"^signal_simple2: child done$",
    r"^signal_simple2: parent Done$",
] + [
    # each of sig_tests' eight tests, then its verdict (other lines may come between)
    rf"^Testing {name}\n(?:(?!Testing ).*\n)*?OK!$" for name in (
        "user_sig_test_failsignum", "user_sig_test_kill", "user_sig_test_multiprocsignals",
        "user_sig_test_restore", "kernel_sig_test_ignore", "kernel_sig_test_stop_cont",
        "kernel_sig_test_failignorekill", "final_sig_test")
] + [
    r"^ALL TESTS PASSED$",
    r"^Test write A OK!$",
    # the programs that must die, and how
    r"^It should trigger segmentation fault!$", r"^depth = 10$",
    r"^Try to access privileged CSR in U Mode$",
    r"^Try to execute privileged instruction in U Mode$",
    r"^Into Test store_fault, we will insert an invalid store operation\.\.\.$",
    r"^Usertests: Test stack_overflow in Process \d+ exited with code -11$",
    r"^Usertests: Test priv_csr in Process \d+ exited with code -4$",
    r"^Usertests: Test priv_inst in Process \d+ exited with code -4$",
    r"^Usertests: Test store_fault in Process \d+ exited with code -11$",
    r"^18 of successful apps, 4 of failed apps run correctly\.$",
    r"^Usertests passed!$",
]

USERTEST_EXPECT = [
    r"^\[ INFO\] vfs: root is {fs} on vda$",
] + CH7B_EXPECT + [
    r"^Usertests: Test ch7b_usertest in Process \d+ exited with code 0$",
    # faults are signals from chapter 7 on
    r"^Usertests: Test ch2b_bad_address in Process \d+ exited with code -11$",
    r"^Usertests: Test ch2_null_store in Process \d+ exited with code -11$",
    r"^Usertests: Test ch4_load_fault in Process \d+ exited with code -11$",
    r"^Usertests: Test ch4_store_fault in Process \d+ exited with code -11$",
    r"^Usertests: Test ch2b_bad_instructions in Process \d+ exited with code -4$",
    r"^Usertests: Test ch2b_bad_register in Process \d+ exited with code -4$",
    # until_timeout: SIGINT ends a program that runs too long; one in time is waited for
    r"^child has run for 300ms, kill it!$",
    r"^exit code of the child is -2$",
    r"^child exited in \d+ms, exit_code = 0$",
    r"^Test fs bad input OK!$",
    # ch7_bad: every check, then the summary
    r"^ch7_bad: still running after the bad execs$",
    r"^ch7_bad: \d+ checks, 0 failed$",
    r"^Test ch7 bad input OK!$",
    # ch7_signal_frames: handlers, nesting, -EINTR, faults as SIGSEGV
    r"^order: 10 120 -10 10 -10$",
    r"^ch7_signal_frames passed!$",
    r"^ch7 Usertests passed!$",
    r"^\[kernel\] initproc exited with code 0; 0 processes still running$",
]

# Programs expected to end with another code than 0.
KILLED = ("stack_overflow|priv_csr|priv_inst|store_fault|ch2b_bad_address|ch2_null_store|"
          "ch4_load_fault|ch4_store_fault|ch2b_bad_instructions|ch2b_bad_register")
FORBID = [
    r"PANIC", r"Panicked at", r"^FAIL", r"FAIL: T\.T", r"unknown system call",
    r"cannot exec", r"^FAILED!$", r"SOME TESTS FAILED", r"Usertests failed!",
    r"(Kill|Sigaction|Restore) failed!", r"Wrong sigaction but successed!",
    r"Should not set sigaction to kill!", r"accepted:",
    rf"Usertests: Test (?!{KILLED})\w+ in Process \d+ exited with code (?!0$)",
]

FREE = r"^\[kernel\] free frames: (\d+) at boot, (\d+) now$"


def host_read(fs, disk, path):
    """(status, bytes) of a file of the image, read on the host."""
    if fs == "easyfs":
        cmd = [os.path.join(HOST, "easyfs-cat"), disk, path]
    else:
        cmd = ["mtype", "-i", disk, "::" + path]
    p = subprocess.run(cmd, capture_output=True)
    return p.returncode, p.stdout


def usertest_checks(fs):
    image = image_checks(fs, expect_files=False)

    def checks(out, disk):
        results = []
        m = re.search(FREE, out, re.M)
        if m is None:
            results.append((False, "free-frame report printed"))
        else:
            before, after = int(m.group(1)), int(m.group(2))
            results.append((before == after and before > 0,
                            f"no frames leaked (free at boot {before}, at the end {after})"))
        rc, data = host_read(fs, disk, "/filea")
        results.append((rc == 0 and data == b"Hello, world!",
                        "host reads /filea back (written by ch6b_filetest_simple)"))
        return results + image(out, disk)

    return checks


def shell_checks(fs):
    image = image_checks(fs, expect_files=False)

    def checks(out, disk):
        rc, data = host_read(fs, disk, "/out.txt")
        rc2, data2 = host_read(fs, disk, "/out2.txt")
        return [(rc == 0 and data == b"Hello, world!\n",
                 "host reads /out.txt back (written by `ch6b_cat > out.txt`)"),
                (rc2 == 0 and data2 == b"Hello, world!\n",
                 "host reads /out2.txt back (written by `cat < out.txt | cat > out2.txt`)")
                ] + image(out, disk)

    return checks


DONE = r"Shell: Process \d+ exited with code 0\n>> "

SHELL_SESSION = [
    ("expect", r"C user shell\n>> "),
    # arguments
    ("send", "cmdline_args a bb ccc\r"),
    ("expect", r"cmdline_args a bb ccc\nargc = 4\nargv\[0\] = cmdline_args\nargv\[1\] = a\n"
               r"argv\[2\] = bb\nargv\[3\] = ccc\n" + DONE),
    ("send", "ch6b_filetest_simple\r"),
    ("expect", r"file_test passed!\n" + DONE),
    # output to a file: nothing on the console between the command and its exit code
    ("send", "ch6b_cat > out.txt\r"),
    ("expect", r"ch6b_cat > out\.txt\n" + DONE),
    ("send", "cat out.txt\r"),
    ("expect", r"cat out\.txt\nHello, world!\n" + DONE),
    # pipelines
    ("send", "cat out.txt | count_lines\r"),
    ("expect", r"cat out\.txt \| count_lines\n1\n" + DONE),
    ("send", "cat out.txt | cat | cat | count_lines\r"),
    ("expect", r"cat out\.txt \| cat \| cat \| count_lines\n1\n" + DONE),
    # input from a file, output to a file, through a pipe
    ("send", "cat < out.txt | cat > out2.txt\r"),
    ("expect", r"cat < out\.txt \| cat > out2\.txt\n" + DONE),
    ("send", "count_lines < out2.txt\r"),
    ("expect", r"count_lines < out2\.txt\n1\n" + DONE),
    # redirections in the wrong places
    ("send", "cat out.txt > x.txt | count_lines\r"),
    ("expect", r"\nInvalid command: Inputs/Outputs cannot be correctly binded!\n>> "),
    ("send", "cat out.txt | count_lines < out.txt\r"),
    ("expect", r"\nInvalid command: Inputs/Outputs cannot be correctly binded!\n>> "),
    ("send", "nosuchprog x\r"),
    ("expect", r"Shell: no such program: nosuchprog\n"
               r"Shell: Process \d+ exited with code -4\n>> "),
    # Ctrl-C at the prompt is not for the shell
    ("send", "\x03"),
    ("send", "cmdline_args z\r"),
    ("expect", r"cmdline_args z\nargc = 2\nargv\[0\] = cmdline_args\nargv\[1\] = z\n" + DONE),
    # Ctrl-C interrupts the foreground program, and the prompt comes back
    ("send", "infloop"),
    ("type", ("\r", 1.5)),  # let infloop start and take the console
    ("send", "\x03"),
    ("expect", r"Shell: Process \d+ exited with code -2\n>> "),
    ("send", "cmdline_args again\r"),
    ("expect", r"argv\[1\] = again\n" + DONE),
    ("send", "exit\r"),
    ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
]
SHELL_FORBID = [r"PANIC", r"Panicked at", r"unknown system call", r"cannot start"]


KNOWN = ch6.KNOWN  # loongarch64: user data is executable (docs/ch4.md)


def runs(arch):
    # the kernel side's own boot (pipes, dup, exec arguments: ch7_pipes.py)
    # and chapter 6's short fuzz, which calls dup now that the kernel has it
    out = ch7_pipes.runs(arch)
    out += [r for r in ch6.runs(arch) if r.get("name", "").startswith("fuzz")]
    for fs in ("easyfs", "fat"):
        name = "easy-fs" if fs == "easyfs" else "fat32"
        out.append({
            "knobs": [f"FS={fs}", "INIT=ch7_usertest"],
            "expect": [p.replace("{fs}", name) for p in USERTEST_EXPECT],
            "forbid": FORBID,
            "checks": usertest_checks(fs),
        })
    out.append({
        "name": "shell",
        "knobs": ["FS=easyfs"],
        "session": SHELL_SESSION,
        "forbid": SHELL_FORBID,
        "checks": shell_checks("easyfs"),
    })
    return out
