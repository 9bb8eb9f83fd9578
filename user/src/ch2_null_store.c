/* ch2_null_store - a plain store through a null pointer, written as a
   course's test would write it. In C that is undefined behaviour, and at
   -O2 a compiler may delete the store (clang does) and the program would
   exit 0; the user programs are built with -fno-delete-null-pointer-checks
   so the store is made and the kernel kills the program (code -2). */
#include "ulib.h"

int main(void)
{
	int *p = NULL;
	*p = 42;
	printf("FAIL: T.T the null store did not fault\n");
	return 0;
}
