/* test_condvar - the lab's ch8b_test_condvar: Second waits on a condition
   variable (with the mutex held) until First sets A to 1 and signals. */
#include "ulib.h"

#define CONDVAR_ID 0
#define MUTEX_ID 0

static volatile int A;

static int first(long unused)
{
	(void)unused;
	sleep(10);
	printf("First work, Change A --> 1 and wakeup Second\n");
	mutex_lock(MUTEX_ID);
	A = 1;
	condvar_signal(CONDVAR_ID);
	mutex_unlock(MUTEX_ID);
	return 0;
}

static int second(long unused)
{
	(void)unused;
	printf("Second want to continue,but need to wait A=1\n");
	mutex_lock(MUTEX_ID);
	while (A == 0) {
		printf("Second: A is %d\n", A);
		condvar_wait(CONDVAR_ID, MUTEX_ID);
	}
	mutex_unlock(MUTEX_ID);
	printf("A is %d, Second can work now\n", A);
	return 0;
}

int main(void)
{
	assert(condvar_create() == CONDVAR_ID);
	assert(mutex_blocking_create() == MUTEX_ID);
	long tids[2] = {thread_create(first, 0), thread_create(second, 0)};
	waittid(tids[0]);
	waittid(tids[1]);
	printf("test_condvar passed!\n");
	return 0;
}
