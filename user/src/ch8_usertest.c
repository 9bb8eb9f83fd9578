/* ch8_usertest - the chapter 8 test, run as initproc by `make test`:
   rCore's basic usertests (ch8b_usertest), the lab's deadlock tests, the
   adder family (the correct locks exact; the broken ones, and the adder
   with no lock, must come out wrong and abort with -6), Peterson's and
   Eisenberg's algorithms, barriers, early exits, coroutines and the
   bad-input program ch8_bad; then it reaps the orphans handed to it.
   The broken adders run long enough for the timer to find their races
   every time: a critical section takes 2-8 us in QEMU, so 16 x 5000
   unlocked additions span some 16-60 time slices of 10 ms, each one a
   near-certain loss; a flag lock's race (test, then set) costs an update
   in about one preemption in four, so those run for 60-250 slices (two
   threads for the spinning one, whose waiters burn whole slices).
   adder_peterson_spin runs only 2 x 200: Peterson's lock is fair, so
   once both threads contend, every addition costs a whole 10 ms slice
   spun away by the thread that must wait (2 x 2000 took 40 s on x86_64). */
#include "ulib.h"

struct test {
	const char *argv[4]; /* program and arguments, NULL-terminated */
	int code;	     /* the exit code it must have */
};

static const struct test tests[] = {
    {{"ch8b_usertest"}, 0},
    {{"ch8_deadlock_mutex1"}, 0},
    {{"ch8_deadlock_sem1"}, 0},
    {{"ch8_deadlock_sem2"}, 0},
    /* correct locks: exact sums */
    {{"adder_mutex_blocking", "16", "10000"}, 0},
    {{"adder_mutex_spin", "16", "2000"}, 0},
    {{"adder_atomic", "16", "2000"}, 0},
    {{"adder_peterson_spin", "2", "200"}, 0}, /* a waiter spins out its slice */
    {{"adder_peterson_yield", "2", "2000"}, 0},
    {{"race_adder_atomic"}, 0},
    /* no lock, or a broken one: a wrong sum, abort() */
    {{"adder", "16", "5000"}, -SIGABRT},
    {{"race_adder", "16", "5000"}, -SIGABRT},
    {{"adder_simple_yield", "16", "20000"}, -SIGABRT},
    {{"race_adder_loop", "16", "20000"}, -SIGABRT},
    {{"adder_simple_spin", "2", "100000"}, -SIGABRT},
    {{"peterson", "50"}, 0},
    {{"eisenberg"}, 0},
    {{"barrier_condvar"}, 0},
    {{"early_exit"}, 0},
    {{"early_exit2"}, 0},
    {{"stackful_coroutine"}, 0},
    {{"stackless_coroutine"}, 0},
    {{"ch8_bad"}, 0},
    {{"ch6_diskstat"}, 0}, /* the disk's counts, from chapter 9 on the interrupt path */
};

int main(void)
{
	int failed = 0;
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		const char *name = tests[i].argv[0];
		printf("Usertests: Running %s\n", name);
		long pid = fork();
		if (pid == 0) {
			exec(name, (char *const *)tests[i].argv);
			printf("Usertests: cannot exec %s\n", name);
			exit(-100);
		}
		int code = 0;
		assert(pid > 0 && waitpid(pid, &code) == pid);
		printf("\x1b[32mUsertests: Test %s in Process %ld exited with code %d\x1b[0m\n",
		       name, pid, code);
		if (code != tests[i].code) {
			printf("FAIL: %s exited with code %d, not %d\n", name, code, tests[i].code);
			failed++;
		}
	}
	int code;
	while (wait(&code) > 0) /* orphans */
		;
	if (failed) {
		printf("ch8 Usertests: %d test(s) failed\n", failed);
		return 1;
	}
	printf("ch8 Usertests passed!\n");
	return 0;
}
