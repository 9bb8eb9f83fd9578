/* adder_atomic - rCore's adder_atomic: a lock made of an atomic
   compare-and-swap (the compiler's __atomic builtins), yielding while it
   is taken. Exact. */
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
	return adder_main(argc, argv, "adder_atomic", 16, 10000, NULL);
}
