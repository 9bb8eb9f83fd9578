/* ch2b_hello_world - the first user program: print one line and exit. */
#include "ulib.h"

int main(void)
{
	printf("Hello, world from user mode program!\n");
	return 0;
}
