/* ch5b_exit - a child's exit code reaches its parent, exactly once. */
#include "ulib.h"

#define MAGIC (-0x10384)

int main(void)
{
	printf("I am the parent. Forking the child...\n");
	long pid = fork();
	if (pid == 0) {
		printf("I am the child.\n");
		for (int i = 0; i < 7; i++)
			sched_yield();
		exit(MAGIC);
	}
	printf("I am parent, fork a child pid %ld\n", pid);
	printf("I am the parent, waiting now..\n");
	int xstate = 0;
	assert(waitpid(pid, &xstate) == pid && xstate == MAGIC);
	assert(waitpid(pid, &xstate) < 0 && wait(&xstate) <= 0);
	printf("waitpid %ld ok.\n", pid);
	printf("exit pass.\n");
	return 0;
}
