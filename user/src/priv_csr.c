/* priv_csr - write a supervisor register in user mode: the kernel must
   kill this program with SIGILL (exit code -4). Which register, per arch:
   user/lib/<arch>/priv.S. */
#include "ulib.h"

int main(void)
{
	printf("Try to access privileged CSR in U Mode\n");
	printf("Kernel should kill this application!\n");
	priv_reg_write();
	printf("FAIL: T.T priv_csr survived\n");
	return 0;
}
