/* ch7b_usertest - rCore's chapter 7 usertests: each program, with its
   arguments, through fork + exec, one at a time; the first list must exit
   with 0, the second must be killed by a signal (SIGSEGV -11, SIGILL -4).
   Ends with the checker's line `Usertests passed!`. */
#include "ulib.h"

struct test {
	const char *argv[5]; /* program and arguments, NULL-terminated */
	int code;	     /* the exit code it must have */
};

static const struct test succ[] = {
    {{"ch6b_filetest_simple"}, 0},
    {{"cat", "filea"}, 0},
    {{"cmdline_args", "1", "2", "3"}, 0},
    {{"ch5b_exit"}, 0},
    {{"ch5b_forktest_simple"}, 0},
    {{"ch5b_forktest"}, 0},
    {{"ch5b_forktest2"}, 0},
    {{"ch5b_forktree"}, 0},
    {{"ch2b_hello_world"}, 0},
    {{"huge_write"}, 0},
    {{"pipe_large_test"}, 0},
    {{"pipetest"}, 0},
    {{"run_pipe_test"}, 0},
    {{"ch3_sleep1"}, 0},
    {{"sig_simple"}, 0},
    {{"sig_simple2"}, 0},
    {{"sig_tests"}, 0},
    {{"ch3b_yield0"}, 0},
};

static const struct test fail[] = {
    {{"stack_overflow"}, -SIGSEGV},
    {{"priv_csr"}, -SIGILL},
    {{"priv_inst"}, -SIGILL},
    {{"store_fault"}, -SIGSEGV},
};

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

/* Run the tests; how many exited with the code they must. */
static int run_tests(const struct test *tests, int n)
{
	int passed = 0;
	for (int i = 0; i < n; i++) {
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
		if (code == tests[i].code)
			passed++;
		printf("\x1b[32mUsertests: Test %s in Process %ld exited with code %d\x1b[0m\n",
		       name, pid, code);
	}
	return passed;
}

int main(void)
{
	int succ_ok = run_tests(succ, N(succ));
	int fail_ok = run_tests(fail, N(fail));
	if (succ_ok == N(succ) && fail_ok == N(fail)) {
		printf("%d of successful apps, %d of failed apps run correctly.\n"
		       "Usertests passed!\n",
		       N(succ), N(fail));
		return 0;
	}
	if (succ_ok != N(succ))
		printf("all successful app_num is %d, but only passed %d\n", N(succ), succ_ok);
	if (fail_ok != N(fail))
		printf("all failed app_num is %d, but only passed %d\n", N(fail), fail_ok);
	printf("Usertests failed!\n");
	return -1;
}
