/*
 * stride.c - the body of the ch5_stride0..5 programs: count for 4 s at a
 * given priority and print the count, so the shares can be compared.
 */
#include "ulib.h"

#define MAX_TIME 4000

int stride_count(long prio)
{
	long acc = 0;
	long start = get_time();
	set_priority(prio);
	for (;;) {
		for (volatile int j = 0; j < 10; j++)
			;
		acc++;
		if (acc % 400 == 0 && get_time() - start > MAX_TIME)
			break;
	}
	char line[96];
	snprintf(line, sizeof(line), "priority = %ld, exitcode = %ld, ratio = %ld", prio, acc,
		 acc / prio);
	test_ok(line);
	return 0;
}
