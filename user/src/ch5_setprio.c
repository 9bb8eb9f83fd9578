/* ch5_setprio - set_priority accepts priorities >= 2 and refuses the rest. */
#include "ulib.h"

int main(void)
{
	assert(set_priority(10) == 10);
	assert(set_priority(0x7fffffffffffffffL) == 0x7fffffffffffffffL);
	assert(set_priority(0) == -1);
	assert(set_priority(1) == -1);
	assert(set_priority(-10) == -1);
	test_ok("Test set_priority OK!");
	return 0;
}
