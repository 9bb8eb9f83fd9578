/* ch5_exit1 - helper: exit with code -233. */
#include "ulib.h"

int main(void)
{
	exit(-233);
	printf("FAIL: T.T\n");
	return 0;
}
