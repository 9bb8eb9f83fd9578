/* ch4_unmap2 - munmap fails on a range that is not all mapped, and on an
   unaligned start. */
#include "ulib.h"

int main(void)
{
	uint64_t start = 0x10000000, len = PAGE_SIZE, prot = 3;
	assert(mmap(start, len, prot) == 0);
	assert(munmap(start, len + 1) == -1);
	assert(munmap(start + 1, len - 1) == -1);
	test_ok("Test 04_6 ummap2 OK!");
	return 0;
}
