/* race_adder_loop - the lab's ch8b_race_adder_loop: 16 threads x 1000
   additions under a flag tested (yielding while set) and then set: broken
   between the test and the set (widened so the timer finds it), so the sum
   comes out wrong and the program aborts (-6). */
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
	return adder_main(argc, argv, "race_adder_loop", 16, 1000,
			  "race adder using loop test passed!");
}
