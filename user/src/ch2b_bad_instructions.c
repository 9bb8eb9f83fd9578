/* ch2b_bad_instructions - execute a privileged instruction in user mode
   (the return-from-trap instruction, or hlt on x86): the kernel must kill
   this program. */
#include "ulib.h"

int main(void)
{
#if defined(__riscv)
	asm volatile("sret");
#elif defined(__aarch64__)
	asm volatile("eret");
#elif defined(__loongarch__)
	asm volatile("ertn");
#elif defined(__x86_64__)
	asm volatile("hlt");
#endif
	printf("FAIL: T.T\n");
	return 0;
}
