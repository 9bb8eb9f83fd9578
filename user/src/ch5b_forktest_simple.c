/* ch5b_forktest_simple - fork once; the parent gets the child's exit code. */
#include "ulib.h"

int main(void)
{
	int code = 0;
	assert(wait(&code) == -1);
	printf("sys_wait without child process test passed!\n");
	printf("parent start, pid = %ld!\n", getpid());
	long pid = fork();
	if (pid == 0) {
		printf("hello child process!\n");
		return 100;
	}
	int exit_code = 0;
	printf("ready waiting on parent process!\n");
	assert(pid == wait(&exit_code));
	assert(exit_code == 100);
	printf("child process pid = %ld, exit code = %d\n", pid, exit_code);
	return 0;
}
