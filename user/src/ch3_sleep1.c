/* ch3_sleep1 - sleep 100 ms (by yielding) and report how long it took. */
#include "ulib.h"

int main(void)
{
	long start = get_time();
	printf("current time_msec = %ld\n", start);
	sleep_ms(100);
	long end = get_time();
	printf("time_msec = %ld after sleeping 100 ticks, delta = %ldms!\n", end, end - start);
	printf("Test sleep1 passed!\n");
	return 0;
}
