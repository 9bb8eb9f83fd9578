/* adder - rCore's adder: no lock at all, so the sum comes out wrong under
   preemption (and the program aborts, exit code -6). */
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
	return adder_main(argc, argv, "adder", 16, 10000, NULL);
}
