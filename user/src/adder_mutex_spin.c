/* adder_mutex_spin - rCore's adder_mutex_spin: the kernel's spinning mutex
   (mutex_create; a waiter yields). Exact. */
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
	if (mutex_create() != 0) {
		printf("adder_mutex_spin: mutex_create did not return 0\n");
		return 1;
	}
	return adder_main(argc, argv, "adder_mutex_spin", 16, 10000, NULL);
}
