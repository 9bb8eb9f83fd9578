/* priv.S - x86_64: privileged instructions a user program must be killed
   for (SIGILL): priv_reg_write moves to %cr3, priv_return executes sysretq;
   both raise #GP at CPL 3. */
	.text
	.globl priv_reg_write, priv_return
priv_reg_write:
	xor	%eax, %eax
	mov	%rax, %cr3
	ret

priv_return:
	sysretq
	ret

	.section .note.GNU-stack, "", @progbits	/* no executable stack */
