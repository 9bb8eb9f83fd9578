/* ch8_deadlock_sem2 - the lab's second semaphore deadlock test: semaphore
   0 is a barrier, 1 and 2 are resources of 2 units each; four threads
   hold one unit (of 2, 1, 1, 2) and two of them ask for one more (of 1
   and 2). There is always a safe order, so no request may be refused:
   every thread must exit with 0. */
#include "ulib.h"

#define THREADS 4

static const long alloc[THREADS] = {2, 1, 1, 2};
static const long request[THREADS] = {1, 0, 2, 0}; /* 0: none */

static int deadlock_test(long unused)
{
	(void)unused;
	long id = gettid() - 1;
	assert(semaphore_down(alloc[id]) == 0);
	semaphore_down(0);
	long want = request[id];
	if (want != 0) {
		if (semaphore_down(want) == DEADLOCK) {
			semaphore_up(alloc[id]);
			exit(-1);
		}
		semaphore_up(want);
	}
	semaphore_up(alloc[id]);
	return 0;
}

int main(void)
{
	assert(enable_deadlock_detect(1) == 0);
	semaphore_create(THREADS);
	for (int i = 0; i < THREADS; i++)
		semaphore_down(0);
	semaphore_create(2);
	semaphore_create(2);
	long tids[THREADS];
	for (int i = 0; i < THREADS; i++)
		tids[i] = thread_create(deadlock_test, 0);
	sleep(1000);
	for (int i = 0; i < THREADS; i++)
		semaphore_up(0);
	int failed = 0;
	for (int i = 0; i < THREADS; i++)
		if (waittid(tids[i]) != 0)
			failed++;
	assert(failed == 0);
	test_ok("deadlock test semaphore 2 OK!");
	return 0;
}
