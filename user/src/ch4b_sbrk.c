/* ch4b_sbrk - grow the heap with sbrk, use it, shrink it, and check the
   shrunk page is really gone (the last store must fault). */
#include "ulib.h"

#define PAGE ((long)PAGE_SIZE)

int main(void)
{
	printf("Test sbrk start.\n");
	long origin = sbrk(0);
	printf("origin break point = %lx\n", origin);
	long brk = sbrk(PAGE);
	if (brk != origin)
		return -1;
	brk = sbrk(0);
	printf("one page allocated,  break point = %lx\n", brk);
	printf("try write to allocated page\n");
	volatile uint8_t *page = (volatile uint8_t *)origin;
	for (int i = 0; i < PAGE; i++)
		page[i] = 1;
	printf("write ok\n");
	sbrk(PAGE * 10);
	brk = sbrk(0);
	printf("10 page allocated,  break point = %lx\n", brk);
	sbrk(PAGE * -11);
	brk = sbrk(0);
	printf("11 page DEALLOCATED,  break point = %lx\n", brk);
	printf("try DEALLOCATED more one page, should be failed.\n");
	if (sbrk(-PAGE) != -1) {
		printf("Test sbrk failed!\n");
		return -1;
	}
	printf("Test sbrk almost OK!\n");
	printf("now write to deallocated page, should cause page fault.\n");
	for (int i = 0; i < PAGE; i++)
		page[i] = 2;
	printf("Test sbrk failed!\n");
	return 0;
}
