/* race_adder_mutex_spin - the lab's ch8b_race_adder_mutex_spin: 16 threads x
   1000 additions under the kernel's spinning mutex. Exact; prints the
   checker's line. */
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
		printf("race_adder_mutex_spin: mutex_create did not return 0\n");
		return 1;
	}
	return adder_main(argc, argv, "race_adder_mutex_spin", 16, 1000,
			  "race adder using spin mutex test passed!");
}
