/* adder_mutex_blocking - rCore's adder_mutex_blocking: the kernel's blocking
   mutex (mutex_blocking_create; waiters sleep, the lock passes to the
   first). Exact. */
#include "adder.h"

static void lock(long id)
{
	(void)id;
	mutex_lock(0);
}

static void unlock(long id)
{
	(void)id;
	mutex_unlock(0);
}

int main(int argc, char **argv)
{
	if (mutex_blocking_create() != 0) {
		printf("adder_mutex_blocking: mutex_blocking_create did not return 0\n");
		return 1;
	}
	return adder_main(argc, argv, "adder_mutex_blocking", 16, 10000, NULL);
}
