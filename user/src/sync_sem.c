/* sync_sem - rCore's sync_sem: a semaphore created at 0 orders two
   threads: Second waits on it until First, after a short sleep, signals. */
#include "ulib.h"

#define SEM_SYNC 0

static volatile int first_done;

static int first(long unused)
{
	(void)unused;
	sleep(10);
	printf("First work and wakeup Second\n");
	first_done = 1;
	semaphore_up(SEM_SYNC);
	return 0;
}

static int second(long unused)
{
	(void)unused;
	printf("Second want to continue,but need to wait first\n");
	semaphore_down(SEM_SYNC);
	printf("Second can work now\n");
	return first_done ? 0 : 1;
}

int main(void)
{
	assert(semaphore_create(0) == SEM_SYNC);
	long tids[2] = {thread_create(first, 0), thread_create(second, 0)};
	long code = waittid(tids[0]) | waittid(tids[1]);
	if (code != 0) {
		printf("sync_sem: Second went on before First signalled\n");
		return 1;
	}
	printf("sync_sem passed!\n");
	return 0;
}
