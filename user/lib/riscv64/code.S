/* code.S - riscv64: ret42, a function position-independent enough to be
   copied anywhere (ret42 .. ret42_end), and sync_icache(va, len), which
   makes stores to memory visible to instruction fetches on this hart. */
	.text
	.globl ret42, ret42_end
	.balign	4
ret42:
	li	a0, 42
	ret
ret42_end:

	.globl sync_icache
sync_icache:
	.option push
	.option arch, +zifencei	/* user/Makefile's -march leaves it out */
	fence.i
	.option pop
	ret
