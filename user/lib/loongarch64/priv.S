/* priv.S - loongarch64: privileged instructions a user program must be
   killed for (SIGILL): priv_reg_write writes CSR.CRMD (CSR 0x0),
   priv_return executes ertn; both raise IPE at PLV3. */
	.text
	.globl priv_reg_write, priv_return
priv_reg_write:
	move	$t0, $zero
	csrwr	$t0, 0x0
	jr	$ra

priv_return:
	ertn
	jr	$ra
