/* ch2b_bad_register - read a privileged (supervisor) register in user
   mode: the kernel must kill this program. */
#include "ulib.h"

int main(void)
{
	uint64_t v = 0;
#if defined(__riscv)
	asm volatile("csrr %0, sstatus" : "=r"(v));
#elif defined(__aarch64__)
	asm volatile("mrs %0, sctlr_el1" : "=r"(v));
#elif defined(__loongarch__)
	asm volatile("csrrd %0, 0x0" : "=r"(v));
#elif defined(__x86_64__)
	asm volatile("mov %%cr0, %0" : "=r"(v));
#endif
	printf("(-_-) I get a privileged register: %lx\nFAIL: T.T\n", v);
	return 0;
}
