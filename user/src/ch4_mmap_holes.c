/* ch4_mmap_holes - mmap refuses the pages that must stay unmapped: those
   below USER_BASE (so that a NULL pointer always faults) and the guard page
   below the user stack (so that a stack overflow faults instead of running
   into other data). The layout is docs/ch4.md's: programs from 0x10000,
   the 16 KiB stack ends at 0x40000000. */
#include "ulib.h"

#define USER_BASE 0x10000UL
#define STACK_TOP 0x40000000UL
#define STACK_SIZE (16 * 1024UL)

int main(void)
{
	uint64_t guard = STACK_TOP - STACK_SIZE - PAGE_SIZE;
	uint64_t local = (uint64_t)&guard;
	assert(local >= STACK_TOP - STACK_SIZE && local < STACK_TOP); /* the layout holds */
	assert(mmap(0, PAGE_SIZE, 3) == -1);
	assert(mmap(0, USER_BASE + PAGE_SIZE, 3) == -1);
	if (PAGE_SIZE < USER_BASE)
		assert(mmap(USER_BASE - PAGE_SIZE, PAGE_SIZE, 3) == -1);
	assert(mmap(guard, PAGE_SIZE, 3) == -1);
	assert(mmap(guard - PAGE_SIZE, 2 * PAGE_SIZE, 3) == -1);     /* ends in the guard */
	assert(mmap(guard - 4 * PAGE_SIZE, 8 * PAGE_SIZE, 1) == -1); /* spans it */
	/* Right below the guard is ordinary memory. */
	assert(mmap(guard - PAGE_SIZE, PAGE_SIZE, 3) == 0);
	*(volatile uint64_t *)(guard - 8) = 42;
	assert(munmap(guard - PAGE_SIZE, PAGE_SIZE) == 0);
	printf("Test mmap holes OK!\n");
	return 0;
}
