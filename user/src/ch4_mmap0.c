/* ch4_mmap0 - mmap one read/write page, fill it and read it back. */
#include "ulib.h"

int main(void)
{
	uint64_t start = 0x10000000, len = PAGE_SIZE, prot = 3;
	assert(mmap(start, len, prot) == 0);
	for (uint64_t i = start; i < start + len; i++)
		*(volatile uint8_t *)i = (uint8_t)i;
	for (uint64_t i = start; i < start + len; i++)
		assert(*(volatile uint8_t *)i == (uint8_t)i);
	test_ok("Test 04_1 OK!");
	return 0;
}
