/* race_adder_atomic - the lab's ch8b_race_adder_atomic: 16 threads x 1000
   additions under a compare-and-swap lock that yields while taken. Exact. */
#include "adder.h"

static int occupied;

static void lock(long id)
{
	(void)id;
	int expected = 0;
	while (!__atomic_compare_exchange_n(&occupied, &expected, 1, 0, __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		expected = 0;
		sched_yield();
	}
}

static void unlock(long id)
{
	(void)id;
	__atomic_store_n(&occupied, 0, __ATOMIC_RELEASE);
}

int main(int argc, char **argv)
{
	return adder_main(argc, argv, "race_adder_atomic", 16, 1000,
			  "race adder using atomic test passed!");
}
