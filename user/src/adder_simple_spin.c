/* adder_simple_spin - rCore's adder_simple_spin: a lock made of a plain flag,
   tested in a busy loop and then set. Between the test and the set another
   thread can find the flag clear too: the lock is broken, and the sum comes
   out wrong (the gap is widened so the timer finds it; the program aborts,
   exit code -6). A waiter also spins away its whole time slice. */
#include "adder.h"

static volatile int occupied;

static void lock(long id)
{
	(void)id;
	while (occupied)
		;
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
	return adder_main(argc, argv, "adder_simple_spin", 16, 10000, NULL);
}
