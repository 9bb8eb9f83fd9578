/* ch5_exit0 - helper: exit with code 66778. */
#include "ulib.h"

int main(void)
{
	exit(66778);
	printf("FAIL: T.T\n");
	return 0;
}
