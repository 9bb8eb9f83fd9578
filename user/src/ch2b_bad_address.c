/* ch2b_bad_address - store to address 0, which is not mapped: the kernel
   must kill this program (and never print the FAIL line). */
#include "ulib.h"

int main(void)
{
	volatile char *p = (volatile char *)0;
	asm volatile("" : "+r"(p)); /* hide the null pointer from the compiler */
	*p = 0;
	printf("FAIL: T.T\n");
	return 0;
}
