/* ch4_mmap2 - a page mapped write-only. Most MMUs cannot express
   "write but not read" (riscv64 reserves it), so the kernel maps it
   readable too; the page is fresh, so it reads back zero and the
   assertion ends the program. It must never print the fail line. */
#include "ulib.h"

int main(void)
{
	uint64_t start = 0x10000000, len = PAGE_SIZE, prot = 2;
	assert(mmap(start, len, prot) == 0);
	assert(*(volatile uint8_t *)start != 0);
	printf("Should cause error, Test 04_3 fail!\n");
	return 0;
}
