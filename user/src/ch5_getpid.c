/* ch5_getpid - helper: print our pid. */
#include "ulib.h"

int main(void)
{
	printf("Test getpid OK! pid = %ld\n", getpid());
	return 0;
}
