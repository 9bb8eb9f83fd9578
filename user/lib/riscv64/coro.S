/* coro.S - riscv64 user-level context switch (stackful_coroutine).
   struct coro: ra, sp, s0..s11 (the registers a call must preserve; no
   floating point: the programs are built soft-float).
   coro_switch(from = a0, to = a1): save ours in from, load to's, and
   "return" to to's ra on to's stack.
   coro_init(c = a0, stack_top = a1, entry = a2): ra = entry, sp = the top
   rounded down to 16 bytes (the psABI's alignment). */
	.text
	.globl coro_switch
coro_switch:
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	sd	s0, 16(a0)
	sd	s1, 24(a0)
	sd	s2, 32(a0)
	sd	s3, 40(a0)
	sd	s4, 48(a0)
	sd	s5, 56(a0)
	sd	s6, 64(a0)
	sd	s7, 72(a0)
	sd	s8, 80(a0)
	sd	s9, 88(a0)
	sd	s10, 96(a0)
	sd	s11, 104(a0)
	ld	ra, 0(a1)
	ld	sp, 8(a1)
	ld	s0, 16(a1)
	ld	s1, 24(a1)
	ld	s2, 32(a1)
	ld	s3, 40(a1)
	ld	s4, 48(a1)
	ld	s5, 56(a1)
	ld	s6, 64(a1)
	ld	s7, 72(a1)
	ld	s8, 80(a1)
	ld	s9, 88(a1)
	ld	s10, 96(a1)
	ld	s11, 104(a1)
	ret

	.globl coro_init
coro_init:
	andi	a1, a1, -16
	sd	a2, 0(a0)
	sd	a1, 8(a0)
	sd	zero, 16(a0)	/* s0 = fp = 0: the end of the frame chain */
	ret
