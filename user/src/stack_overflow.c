/* stack_overflow - recurse until the stack runs into its guard page: the
   kernel must kill this program with SIGSEGV (exit code -11). */
#include "ulib.h"

/* Far deeper than any stack; volatile, so the compiler cannot tell the
   recursion has no end. */
static volatile long limit = 1L << 40;

/* Not a tail call: the frame is needed after the call returns. */
__attribute__((noinline)) static long f(long depth)
{
	volatile char frame[64];
	frame[0] = (char)depth;
	if (depth % 10 == 0)
		printf("depth = %ld\n", depth);
	if (depth >= limit)
		return 0;
	return f(depth + 1) + frame[0];
}

int main(void)
{
	printf("It should trigger segmentation fault!\n");
	f(0);
	printf("FAIL: T.T stack_overflow survived\n");
	return 0;
}
