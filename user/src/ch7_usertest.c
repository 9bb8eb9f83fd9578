/* ch7_usertest - the chapter 7 test, run as initproc by `make test`:
   rCore's usertests (ch7b_usertest), the faults of earlier chapters, now
   signals, with their exit codes, until_timeout (a program interrupted
   by SIGINT, and one that ends in time), the bad-input program ch7_bad and
   the file system's bad input; then it reaps the orphans handed to it. */
#include "ulib.h"

struct test {
	const char *argv[4]; /* program and arguments, NULL-terminated */
	int code;	     /* the exit code it must have */
};

static const struct test tests[] = {
    {{"ch7b_usertest"}, 0},
    {{"ch2b_bad_address"}, -SIGSEGV},
    {{"ch2_null_store"}, -SIGSEGV},
    {{"ch4_load_fault"}, -SIGSEGV},
    {{"ch4_store_fault"}, -SIGSEGV},
    {{"ch2b_bad_instructions"}, -SIGILL},
    {{"ch2b_bad_register"}, -SIGILL},
    {{"until_timeout", "infloop", "300"}, 0},
    {{"until_timeout", "ch2b_hello_world", "5000"}, 0},
    {{"ch6_fs_bad"}, 0},
    {{"ch7_bad"}, 0},
    {{"ch7_signal_frames"}, 0},
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
	while (wait(&code) > 0) /* orphans (sig_tests', ch5b_forktree's) */
		;
	if (failed) {
		printf("ch7 Usertests: %d test(s) failed\n", failed);
		return 1;
	}
	printf("ch7 Usertests passed!\n");
	return 0;
}
