/* ch5_stride0 - count for 4 s at priority 5; with stride scheduling the
   count of each ch5_stride* program grows with its priority. */
#include "ulib.h"

#define MAX_TIME 4000

int main(void)
{
	long prio = 5, acc = 0;
	long start = get_time();
	set_priority(prio);
	for (;;) {
		for (volatile int j = 0; j < 10; j++)
			;
		acc++;
		if (acc % 400 == 0 && get_time() - start > MAX_TIME)
			break;
	}
	printf("priority = %ld, exitcode = %ld, ratio = %ld\n", prio, acc, acc / prio);
	return 0;
}
