/* ch4_store_fault - write over our own code, which is mapped read-only
   and executable: the kernel kills the program. */
#include "ulib.h"

int main(void)
{
	volatile uint8_t *code = (volatile uint8_t *)(uintptr_t)main;
	printf("ch4_store_fault: writing to %p\n", (void *)code);
	*code = 0;
	printf("FAIL: T.T wrote to read-only code\n");
	return 0;
}
