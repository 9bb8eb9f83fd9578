/* ch4_mmap3 - bad mmap calls return -1: overlapping a mapped page, an
   unaligned start, no permission, unknown permission bits. */
#include "ulib.h"

int main(void)
{
	uint64_t start = 0x10000000, len = PAGE_SIZE, prot = 3;
	assert(mmap(start, len, prot) == 0);
	assert(mmap(start - len, len + 1, prot) == -1);
	assert(mmap(start + len + 1, len, prot) == -1);
	assert(mmap(start + len, len, 0) == -1);
	assert(mmap(start + len, len, prot | 8) == -1);
	test_ok("Test 04_4 test OK!");
	return 0;
}
