/* ch3_sleep - get_time works, and yielding until 3 s have passed ends. */
#include "ulib.h"

int main(void)
{
	long now = get_time();
	assert(now > 0);
	printf("get_time OK! %ld\n", now);
	long wait_for = now + 3000;
	while (get_time() < wait_for)
		sched_yield();
	printf("Test sleep OK!\n");
	return 0;
}
