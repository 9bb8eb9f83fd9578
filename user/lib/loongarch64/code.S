/* code.S - loongarch64: ret42, a function position-independent enough to
   be copied anywhere (ret42 .. ret42_end), and sync_icache(va, len),
   which makes stores to memory visible to instruction fetches (ibar). */
	.text
	.globl ret42, ret42_end
	.balign	4
ret42:
	li.w	$a0, 42
	jr	$ra
ret42_end:

	.globl sync_icache
sync_icache:
	ibar	0
	jr	$ra
