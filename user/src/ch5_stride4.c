/* ch5_stride4 - count for 4 s at priority 9 (see lib/stride.c); with stride
   scheduling the counts of ch5_stride0..5 grow with their priorities. */
#include "ulib.h"

int main(void)
{
	return stride_count(9);
}
