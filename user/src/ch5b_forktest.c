/* ch5b_forktest - fork 40 children, reap exactly 40. */
#include "ulib.h"

#define MAX_CHILD 40

int main(void)
{
	for (int i = 0; i < MAX_CHILD; i++) {
		long pid = fork();
		if (pid == 0) {
			printf("I am child %d\n", i);
			exit(0);
		}
		printf("forked child pid = %ld\n", pid);
		assert(pid > 0);
	}
	int exit_code = 0;
	for (int i = 0; i < MAX_CHILD; i++)
		assert(wait(&exit_code) > 0);
	assert(wait(&exit_code) <= 0);
	printf("forktest pass.\n");
	return 0;
}
