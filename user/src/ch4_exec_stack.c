/* ch4_exec_stack - copy a function onto our stack and call it. The stack
   is mapped without execute permission, so the fetch faults and the
   kernel kills the program (exit code -2). If the copy runs instead, the
   stack was executable: say so and exit with 1. */
#include "ulib.h"

int main(void)
{
	uint8_t buf[64] __attribute__((aligned(64)));
	printf("ch4_exec_stack: calling a copy of ret42 at %p, on the stack\n", (void *)buf);
	int r = call_copy(buf);
	printf("ch4_exec_stack: the copy on the stack ran and returned %d: the stack is "
	       "executable\n",
	       r);
	return 1;
}
