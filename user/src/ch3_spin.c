/* ch3_spin - burn the CPU for two seconds without ever yielding. Only a
   kernel that preempts with the timer lets the other programs finish
   meanwhile; the chapter 3 test checks that they do. */
#include "ulib.h"

int main(void)
{
	long start = get_time();
	printf("spin: start, will not yield for 2000 ms\n");
	while (get_time() < start + 2000)
		;
	printf("spin: done after %ld ms\n", get_time() - start);
	return 0;
}
