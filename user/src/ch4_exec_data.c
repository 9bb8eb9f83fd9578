/* ch4_exec_data - first check that a copy of a function runs from a page
   mapped read/write/execute (so the test can tell "ran" from "faulted"),
   then copy it into our writable data and call it. Data is mapped without
   execute permission, so the fetch faults and the kernel kills the
   program (exit code -2). If the copy runs instead, the data page was
   executable: say so and exit with 1. */
#include "ulib.h"

static uint8_t buf[64] __attribute__((aligned(64))) = {1}; /* in .data, not .bss */

int main(void)
{
	uint64_t rwx = 0x10000000;
	assert(mmap(rwx, PAGE_SIZE, 7) == 0);
	assert(call_copy((void *)rwx) == 42);
	printf("ch4_exec_data: a copy of ret42 in a read/write/execute page returned 42\n");
	printf("ch4_exec_data: calling a copy of ret42 at %p, in .data\n", (void *)buf);
	int r = call_copy(buf);
	printf("ch4_exec_data: the copy in .data ran and returned %d: data is executable\n", r);
	return 1;
}
