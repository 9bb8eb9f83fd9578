/* ch8_deadlock_sem1 - the lab's first semaphore deadlock test. Semaphore
   0 is a barrier; 1-3 are resources with 1, 2 and 1 units. Thread 1 holds
   2 and asks for 1; thread 2 holds 1 and 2 and asks for 3; thread 3 holds
   3 and asks for 2: a cycle, so with detection on at least one request
   must be refused with DEADLOCK (that thread gives back what it holds and
   exits with -1), and main finds at least one thread failed. */
#include "ulib.h"

#define SEM_BARRIER 0
#define THREADS 3

static const long res_num[3] = {1, 2, 1};
static const long request[THREADS] = {1, 3, 2};

static void sem_alloc(long tid)
{
	switch (tid) {
	case 1:
		assert(semaphore_down(2) == 0);
		break;
	case 2:
		assert(semaphore_down(1) == 0);
		assert(semaphore_down(2) == 0);
		break;
	case 3:
		assert(semaphore_down(3) == 0);
		break;
	default:
		exit(1);
	}
	semaphore_down(SEM_BARRIER);
}

static void sem_dealloc(long tid)
{
	semaphore_up(SEM_BARRIER);
	switch (tid) {
	case 1:
		semaphore_up(2);
		break;
	case 2:
		semaphore_up(1);
		semaphore_up(2);
		break;
	case 3:
		semaphore_up(3);
		break;
	default:
		exit(1);
	}
}

static int deadlock_test(long unused)
{
	(void)unused;
	long tid = gettid();
	printf("thread %ld running\n", tid);
	sem_alloc(tid);
	long want = request[tid - 1];
	if (semaphore_down(want) == DEADLOCK) {
		sem_dealloc(tid);
		printf("Deadlock detected. Test 08_sem1 failed!\n");
		exit(-1);
	}
	semaphore_up(want);
	sem_dealloc(tid);
	printf("thread %ld exited\n", tid);
	return 0;
}

int main(void)
{
	assert(enable_deadlock_detect(1) == 0);
	assert(semaphore_create(THREADS) == SEM_BARRIER);
	for (int i = 0; i < THREADS; i++)
		semaphore_down(SEM_BARRIER);
	for (int i = 0; i < 3; i++)
		semaphore_create(res_num[i]);
	long tids[THREADS];
	for (int i = 0; i < THREADS; i++)
		tids[i] = thread_create(deadlock_test, 0);
	sleep(500);
	for (int i = 0; i < THREADS; i++)
		semaphore_up(SEM_BARRIER);
	int failed = 0;
	for (int i = 0; i < THREADS; i++)
		if (waittid(tids[i]) != 0)
			failed++;
	assert(failed > 0);
	test_ok("deadlock test semaphore 1 OK!");
	return 0;
}
