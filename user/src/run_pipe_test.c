/* run_pipe_test - run pipe_large_test five times, one after the other. */
#include "ulib.h"

int main(void)
{
	for (int i = 0; i < 5; i++) {
		long pid = fork();
		if (pid == 0) {
			char *argv[] = {"pipe_large_test", NULL};
			exec("pipe_large_test", argv);
			printf("run_pipe_test: cannot exec pipe_large_test\n");
			exit(-4);
		}
		int code = -1;
		assert(pid > 0 && waitpid(pid, &code) == pid);
		assert(code == 0);
		printf("Iter %d OK.\n", i);
	}
	return 0;
}
