/* priv_inst - execute the kernel's return instruction in user mode: the
   kernel must kill this program with SIGILL (exit code -4). Which
   instruction, per arch: user/lib/<arch>/priv.S. */
#include "ulib.h"

int main(void)
{
	printf("Try to execute privileged instruction in U Mode\n");
	printf("Kernel should kill this application!\n");
	priv_return();
	printf("FAIL: T.T priv_inst survived\n");
	return 0;
}
