/* code.S - aarch64: ret42, a function position-independent enough to be
   copied anywhere (ret42 .. ret42_end), and sync_icache(va, len), which
   makes stores to memory visible to instruction fetches: clean the data
   cache and invalidate the instruction cache by address (allowed at EL0
   because the kernel sets SCTLR_EL1.UCI), then synchronise. The copy is
   at most 16 bytes, the smallest cache line, so callers align it to 16
   and one line of each cache is enough. */
	.text
	.globl ret42, ret42_end
	.balign	4
ret42:
	mov	w0, #42
	ret
ret42_end:

	.globl sync_icache
sync_icache:
	dc	cvau, x0
	dsb	ish
	ic	ivau, x0
	dsb	ish
	isb
	ret
