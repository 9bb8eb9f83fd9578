/* ch4_mmap1 - a page mapped read-only must not be writable: the store
   faults and the kernel kills the program. */
#include "ulib.h"

int main(void)
{
	uint64_t start = 0x10000000, len = PAGE_SIZE, prot = 1;
	assert(mmap(start, len, prot) == 0);
	*(volatile uint8_t *)start = (uint8_t)start;
	printf("Should cause error, Test 04_2 fail!\n");
	return 0;
}
