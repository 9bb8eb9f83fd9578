/* adder_simple_yield - rCore's adder_simple_yield: adder_simple_spin's broken
   flag lock, yielding instead of spinning while the flag is set. Still
   broken between the test and the set (widened so the timer finds it):
   the sum comes out wrong and the program aborts (exit code -6). */
#include "adder.h"

static volatile int occupied;

static void lock(long id)
{
	(void)id;
	while (occupied)
		sched_yield();
	widen_the_gap();
	occupied = 1;
}

static void unlock(long id)
{
	(void)id;
	occupied = 0;
}

int main(int argc, char **argv)
{
	return adder_main(argc, argv, "adder_simple_yield", 16, 10000, NULL);
}
