/* store_fault - store through a null pointer: the kernel must kill this
   program with SIGSEGV (exit code -11). */
#include "ulib.h"

int main(void)
{
	printf("Into Test store_fault, we will insert an invalid store operation...\n");
	printf("Kernel should kill this application!\n");
	*(volatile char *)0 = 0;
	printf("FAIL: T.T store_fault survived\n");
	return 0;
}
