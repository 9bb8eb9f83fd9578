/* priv.S - aarch64: privileged instructions a user program must be killed
   for (SIGILL): priv_reg_write writes SCTLR_EL1, priv_return executes
   eret; both are undefined at EL0. */
	.text
	.globl priv_reg_write, priv_return
priv_reg_write:
	msr	sctlr_el1, xzr
	ret

priv_return:
	eret
	ret
