"""Chapter 8 (threads, mutexes, semaphores, condition variables, deadlock
detection). Per arch, four boots:

- the kernel side's own boot (ch8_core.py: threads and locks, nothing leaked);

- the chapter test (INIT=ch8_usertest) on easy-fs and on FAT32: rCore's
  basic ch8 usertests (ch8b_usertest, every checker line of the lab's ch8
  list), the three deadlock tests, the adder family (adder_mutex_blocking
  16 threads x 10 000 and the other correct locks exact; the adder with no
  lock and the broken flag locks wrong, ending with abort(), -6),
  Peterson's and Eisenberg's algorithms, a barrier, early exits, both
  coroutine programs and the bad-input program ch8_bad (one OK/FAIL line
  per check); then the free frames must be back to their boot value, the
  thread slots back to initproc's own, and the image must check clean on
  the host;
- the chapter's default initproc and user_shell running threaded programs
  typed at the prompt.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ch8_core  # noqa: E402
from ch7 import FREE, host_read  # noqa: E402
from ch6 import image_checks  # noqa: E402

TIMEOUT = 300

# What rCore's ch8b usertests print: the lab's checker lines (ch8 = ch6's
# list + pipetest + the ch8b programs), then the programs' own lines.
CH8B_EXPECT = [
    # earlier chapters
    r"^Hello, world from user mode program!$",
    r"^Test power_3 OK!$", r"^Test power_5 OK!$", r"^Test power_7 OK!$",
    r"^Test write A OK!$", r"^Test write B OK!$", r"^Test write C OK!$",
    r"^exit pass\.$",
    r"^sys_wait without child process test passed!$",
    r"^forktest pass\.$",
    r"^file_test passed!$",
    r"^Hello, world!",  # ch6b_cat: filea has no newline
    r"^pipetest passed!$",
    # the ch8b programs: the checker's lines first
    r"^mpsc_sem passed!$",
    r"^philosopher dining problem with mutex test passed!$",
    r"^race adder using spin mutex test passed!$",
    r"^sync_sem passed!$",
    r"^test_condvar passed!$",
    r"^threads with arg test passed!$",
    r"^threads test passed!$",
    r"^time cost = \d+$", r"^#0:[-x ]+$", r"^#4:[-x ]+$",
    r"^Second want to continue,but need to wait first$",
    r"^First work and wakeup Second$", r"^Second can work now$",
    r"^Second want to continue,but need to wait A=1$",
    r"^First work, Change A --> 1 and wakeup Second$", r"^A is 1, Second can work now$",
    # main reports while the other threads may still print (no newline)
    r"thread#1 exited with code 1$", r"thread#2 exited with code 2$",
    r"thread#3 exited with code 3$", r"^main thread exited\.$",
    r"^Basic usertests passed!$",
]

# The adders: (program, threads, additions per thread) as ch8_usertest runs them.
EXACT = [("adder_mutex_blocking", 16, 10000), ("adder_mutex_spin", 16, 2000),
         ("adder_atomic", 16, 2000), ("adder_peterson_spin", 2, 200),
         ("adder_peterson_yield", 2, 2000)]
BROKEN = [("adder", 16, 5000), ("race_adder", 16, 5000), ("adder_simple_yield", 16, 20000),
          ("race_adder_loop", 16, 20000), ("adder_simple_spin", 2, 100000)]

USERTEST_EXPECT = [
    r"^\[ INFO\] vfs: root is {fs} on vda$",
] + CH8B_EXPECT + [
    r"^Usertests: Test ch8b_usertest in Process \d+ exited with code 0$",
    # the deadlock lab
    r"^deadlock test mutex 1 OK!$",
    r"^Deadlock detected\. Test 08_sem1 failed!$",  # the refused thread's line
    r"^deadlock test semaphore 1 OK!$",
    r"^deadlock test semaphore 2 OK!$",
] + [
    rf"^{name}: {t} threads x {n} = {t * n}, exact$" for name, t, n in EXACT
] + [
    r"^race adder using atomic test passed!$",
] + [
    rf"^{name}: the sum is \d+, not {t} x {n} = {t * n}$" for name, t, n in BROKEN
] + [
    rf"^Usertests: Test {name} in Process \d+ exited with code -6$" for name, _, _ in BROKEN
] + [
    # Peterson, Eisenberg, the barrier
    r"^\[0\] it=40$", r"^\[1\] it=40$",
    r"^Usertests: Test peterson in Process \d+ exited with code 0$",
    r"^Thread\[7\] enter$", r"^Thread\[5\] exit, give turn to \d+$",
    r"^Usertests: Test eisenberg in Process \d+ exited with code 0$",
    r"^a{300}", r"^OK!$",
    r"^Usertests: Test barrier_condvar in Process \d+ exited with code 0$",
    # the main thread's exit ends the process, whatever its threads do
    r"Usertests: Test early_exit in Process \d+ exited with code 0$",
    r"^into thread_a$",
    r"^Usertests: Test early_exit2 in Process \d+ exited with code 0$",
    # coroutines
    r"^TASK 4 FINISHED$", r"^All tasks finished!$", r"^stackful_coroutine PASSED$",
    r"^   Task 3: end state$", r"^stackless coroutine PASSED$",
    # ch8_bad: every check, then the summary
    r"^OK: threads until the table is full: an error, then all joined, then a new one$",
    r"^OK: SIGKILL ends a process whose threads sleep and block; the parent reaps it$",
    r"^OK: a thread closes a pipe another thread reads: the read still gets its byte$",
    r"^OK: a thread created just before exit never runs$",
    r"^ch8_bad: \d+ checks, 0 failed$",
    r"^Test ch8 bad input OK!$",
    r"^diskstat: write\+close: [1-9]\d* writes \(\d+ sectors\), [1-9]\d* flushes; "
    r"drop_caches forgot \d+ blocks; read: [1-9]\d* reads \(\d+ sectors\)$",
    r"^Test diskstat OK!$",
    r"^ch8 Usertests passed!$",
    r"^\[kernel\] initproc exited with code 0; 0 processes still running$",
]

# Programs expected to end with another code than 0.
KILLED = "|".join(name for name, _, _ in BROKEN)
FORBID = [
    r"PANIC", r"Panicked at", r"^FAIL", r"unknown system call", r"cannot exec",
    r"Basic usertests failed!", r"thread conflict happened!", r"^exit thread_a$",
    r"too early", r"ate at once", r"wrong thread ids or exit codes", r"wrong exit codes",
    r"a finished task was resumed", r"accepted:", r"thread_create failed",
    rf"Usertests: Test (?!(?:{KILLED}) )\w+ in Process \d+ exited with code (?!0$)",
]

SLOTS = r"^\[kernel\] thread slots in use: (\d+)"


def usertest_checks(fs):
    image = image_checks(fs, expect_files=False)

    def checks(out, disk):
        import re
        results = []
        m = re.search(FREE, out, re.M)
        if m is None:
            results.append((False, "free-frame report printed"))
        else:
            before, after = int(m.group(1)), int(m.group(2))
            results.append((before == after and before > 0,
                            f"no frames leaked (free at boot {before}, at the end {after})"))
        m = re.search(SLOTS, out, re.M)
        results.append((m is not None and int(m.group(1)) == 1,
                        "no thread slot leaked: only initproc's own in use at the end"
                        + (f" (found {m.group(1)})" if m else " (no report)")))
        rc, data = host_read(fs, disk, "/filea")
        results.append((rc == 0 and data == b"Hello, world!",
                        "host reads /filea back (written by ch6b_filetest_simple)"))
        return results + image(out, disk)

    return checks


DONE = r"Shell: Process \d+ exited with code 0\n>> "

SHELL_SESSION = [
    ("expect", r"C user shell\n>> "),
    ("send", "threads_arg\r"),
    ("expect", r"threads with arg test passed!\n" + DONE),
    ("send", "adder_mutex_blocking 4 1000\r"),
    ("expect", r"adder_mutex_blocking: 4 threads x 1000 = 4000, exact\n" + DONE),
    ("send", "ch8_deadlock_mutex1\r"),
    ("expect", r"deadlock test mutex 1 OK!\n" + DONE),
    ("send", "exit\r"),
    ("expect", r"\[initproc\] the shell exited with code 0; goodbye"),
]
SHELL_FORBID = [r"PANIC", r"Panicked at", r"unknown system call", r"cannot start"]


def runs(arch):
    out = ch8_core.runs(arch)  # the kernel side's own boot
    for fs in ("easyfs", "fat"):
        name = "easy-fs" if fs == "easyfs" else "fat32"
        out.append({
            "knobs": [f"FS={fs}", "INIT=ch8_usertest"],
            "expect": [p.replace("{fs}", name) for p in USERTEST_EXPECT],
            "forbid": FORBID,
            "checks": usertest_checks(fs),
        })
    out.append({
        "name": "shell",
        "knobs": ["FS=easyfs"],
        "session": SHELL_SESSION,
        "forbid": SHELL_FORBID,
        "checks": image_checks("easyfs", expect_files=False),
    })
    return out
