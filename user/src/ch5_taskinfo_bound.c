/* ch5_taskinfo_bound - task_info's time is exact: in 50 freshly forked
   children, the time a child measures itself with get_time between two
   points after it started is never more than task_info's time, and
   task_info's time is never more than the time from just before the fork
   to just after the call. Both hold by construction (the kernel counts
   whole milliseconds the way get_time does), so a single failure fails. */
#include "ulib.h"

#define CHILDREN 50

static struct task_info info;

int main(void)
{
	int failures = 0;
	for (int i = 0; i < CHILDREN; i++) {
		long t0 = get_time();
		long pid = fork();
		if (pid == 0) {
			long t1 = get_time();
			while (get_time() - t1 < 1 + i % 7) /* a few ms, varied */
				;
			long t2 = get_time();
			if (task_info(&info) != 0)
				exit(1);
			long t3 = get_time();
			long time = (long)info.time;
			if (!(t2 - t1 <= time && time <= t3 - t0)) {
				printf("ch5_taskinfo_bound: t1 %ld t2 %ld time %ld t3-t0 %ld\n", t1,
				       t2, time, t3 - t0);
				exit(2);
			}
			exit(0);
		}
		int code = -1;
		assert(pid > 0 && waitpid(pid, &code) == pid);
		failures += code != 0;
	}
	printf("ch5_taskinfo_bound: %d of %d children out of bounds\n", failures, CHILDREN);
	assert(failures == 0);
	printf("Test task_info bound OK!\n");
	return 0;
}
