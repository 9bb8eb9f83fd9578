/* ch5_getppid - getppid (173) returns the parent's pid; a process whose
   parent has exited is adopted by initproc (pid 1) and reports that. */
#include "ulib.h"

#define WAIT_MS 5000

int main(void)
{
	long me = getpid();
	long pid = fork();
	if (pid == 0) {
		assert(getppid() == me);
		/* Make an orphan: a grandchild that outlives its parent. */
		long parent = getpid();
		if (fork() == 0) {
			long t0 = get_time();
			while (getppid() == parent && get_time() - t0 < WAIT_MS)
				sched_yield();
			assert(getppid() == 1);
			printf("Test getppid orphan OK!\n");
			exit(0);
		}
		exit(0); /* without waiting: the grandchild is orphaned */
	}
	int code = -1;
	assert(pid > 0 && waitpid(pid, &code) == pid && code == 0);
	assert(getppid() >= 0);
	printf("Test getppid OK!\n");
	return 0;
}
