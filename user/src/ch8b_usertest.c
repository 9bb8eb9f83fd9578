/* ch8b_usertest - rCore's chapter 8 basic usertests (the lab's
   ch8b_usertest list: programs of earlier chapters and the ch8b ones),
   one at a time through fork + exec; every one must exit with 0. Ends
   with rCore's `Basic usertests passed!`. */
#include "ulib.h"

static const char *const tests[] = {
    "ch2b_hello_world",
    "ch2b_power_3",
    "ch2b_power_5",
    "ch2b_power_7",
    "ch3b_yield0",
    "ch3b_yield1",
    "ch3b_yield2",
    "ch5b_exit",
    "ch5b_forktest_simple",
    "ch5b_forktest",
    "ch6b_filetest_simple",
    "ch6b_cat",
    "pipetest",
    "mpsc_sem",
    "phil_din_mutex",
    "race_adder_mutex_spin",
    "sync_sem",
    "test_condvar",
    "threads",
    "threads_arg",
};

#define N (int)(sizeof(tests) / sizeof(tests[0]))

int main(void)
{
	int failed = 0;
	for (int i = 0; i < N; i++) {
		printf("Usertests: Running %s\n", tests[i]);
		long pid = fork();
		if (pid == 0) {
			char *argv[] = {(char *)tests[i], NULL};
			exec(tests[i], argv);
			printf("Usertests: cannot exec %s\n", tests[i]);
			exit(-100);
		}
		int code = 0;
		assert(pid > 0 && waitpid(pid, &code) == pid);
		printf("\x1b[32mUsertests: Test %s in Process %ld exited with code %d\x1b[0m\n",
		       tests[i], pid, code);
		failed += code != 0;
	}
	if (failed) {
		printf("Basic usertests failed! (%d of %d)\n", failed, N);
		return -1;
	}
	printf("Basic usertests passed!\n");
	return 0;
}
