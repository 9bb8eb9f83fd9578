/* ch4_exec_heap - grow the heap by a page with sbrk, copy a function into
   it and call it. The heap is mapped without execute permission, so the
   fetch faults and the kernel kills the program (exit code -2). If the
   copy runs instead, the heap was executable: say so and exit with 1. */
#include "ulib.h"

int main(void)
{
	long page = sbrk(PAGE_SIZE);
	assert(page != -1);
	uint8_t *buf = (uint8_t *)((page + 63) & ~63L);
	printf("ch4_exec_heap: calling a copy of ret42 at %p, in the heap\n", (void *)buf);
	int r = call_copy(buf);
	printf("ch4_exec_heap: the copy in the heap ran and returned %d: the heap is executable\n",
	       r);
	return 1;
}
