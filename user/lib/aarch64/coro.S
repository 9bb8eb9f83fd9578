/* coro.S - aarch64 user-level context switch (stackful_coroutine).
   struct coro: x19..x28, x29 (fp), x30 (lr), sp (the registers a call must
   preserve; no SIMD registers: the programs use general registers only).
   coro_switch(from = x0, to = x1): save ours in from, load to's, and
   "return" to to's lr on to's stack.
   coro_init(c = x0, stack_top = x1, entry = x2): lr = entry, sp = the top
   rounded down to 16 bytes (sp must always be 16-byte aligned), fp = 0. */
	.text
	.globl coro_switch
coro_switch:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x9, sp
	str	x9, [x0, #96]
	ldp	x19, x20, [x1, #0]
	ldp	x21, x22, [x1, #16]
	ldp	x23, x24, [x1, #32]
	ldp	x25, x26, [x1, #48]
	ldp	x27, x28, [x1, #64]
	ldp	x29, x30, [x1, #80]
	ldr	x9, [x1, #96]
	mov	sp, x9
	ret

	.globl coro_init
coro_init:
	and	x1, x1, #~15
	stp	xzr, x2, [x0, #80]
	str	x1, [x0, #96]
	ret
