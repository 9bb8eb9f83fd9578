/* race_adder - the lab's ch8b_race_adder: 16 threads x 1000 additions
   with no lock; the sum comes out wrong and the program aborts (-6). */
#include "adder.h"

static void lock(long id)
{
	(void)id;
}

static void unlock(long id)
{
	(void)id;
}

int main(int argc, char **argv)
{
	return adder_main(argc, argv, "race_adder", 16, 1000, "race adder test passed!");
}
