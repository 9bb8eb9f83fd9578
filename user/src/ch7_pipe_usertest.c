/* ch7_pipe_usertest - the kernel side of chapter 7 (pipes, dup, exec
   arguments), run as initproc by tests/expect/ch7_pipes.py: each test
   program in turn, then exit, so that the kernel reports its free frames
   (they must equal the boot count: no pipe page or argument buffer kept). */
#include "ulib.h"

static const char *tests[] = {
    "ch7_pipe_eof", "ch7_pipe_block", "ch7_pipe_atomic", "ch7_pipe_large", "ch7_dup",
    "ch7_pipe_bad", "ch7_args",	      "ch5_argv",	 "ch7_pipe_cow",
};

int main(void)
{
	int failed = 0;
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		printf("Usertests: Running %s\n", tests[i]);
		long pid = spawn(tests[i]);
		int code = 0;
		assert(pid > 0 && waitpid(pid, &code) == pid);
		printf("Usertests: Test %s in Process %ld exited with code %d\n", tests[i], pid,
		       code);
		failed += code != 0;
	}
	int code;
	while (wait(&code) > 0)
		;
	if (failed == 0)
		printf("ch7 pipe Usertests passed!\n");
	return failed;
}
