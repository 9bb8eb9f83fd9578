/* priv.S - riscv64: privileged instructions a user program must be killed
   for (SIGILL): priv_reg_write clears sstatus.SPP (rCore's priv_csr),
   priv_return executes sret (rCore's priv_inst). */
	.text
	.globl priv_reg_write, priv_return
priv_reg_write:
	li	t0, 0x100
	csrc	sstatus, t0
	ret

priv_return:
	sret
	ret
