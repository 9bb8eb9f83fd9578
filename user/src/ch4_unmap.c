/* ch4_unmap - map, unmap part, map around it again, and use it all. */
#include "ulib.h"

int main(void)
{
	uint64_t start = 0x10000000, len = PAGE_SIZE, prot = 3;
	assert(mmap(start, len, prot) == 0);
	assert(mmap(start + len, len * 2, prot) == 0);
	assert(munmap(start, len) == 0);
	assert(mmap(start - len, len + 1, prot) == 0);
	for (uint64_t i = start - len; i < start + len * 3; i++)
		*(volatile uint8_t *)i = (uint8_t)i;
	for (uint64_t i = start - len; i < start + len * 3; i++)
		assert(*(volatile uint8_t *)i == (uint8_t)i);
	test_ok("Test 04_5 ummap OK!");
	return 0;
}
