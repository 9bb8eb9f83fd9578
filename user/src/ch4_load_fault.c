/* ch4_load_fault - read from the kernel half of the address space: user
   mode may not, so the kernel kills the program. */
#include "ulib.h"

int main(void)
{
	volatile uint64_t *p = (volatile uint64_t *)0xfffffffffffff000UL;
	printf("ch4_load_fault: reading %p\n", (void *)p);
	uint64_t v = *p;
	printf("FAIL: T.T read %lx from the kernel\n", v);
	return 0;
}
