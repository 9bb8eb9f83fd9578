/* code.S - x86_64: ret42, a function position-independent enough to be
   copied anywhere (ret42 .. ret42_end), and sync_icache(va, len): x86
   keeps instruction fetches coherent with stores by itself, so it does
   nothing. */
	.text
	.globl ret42, ret42_end
ret42:
	movl	$42, %eax
	ret
ret42_end:

	.globl sync_icache
sync_icache:
	ret

	.section .note.GNU-stack, "", @progbits	/* no executable stack */
