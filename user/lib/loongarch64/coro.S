/* coro.S - loongarch64 user-level context switch (stackful_coroutine).
   struct coro: ra, sp, fp, s0..s8 (the registers a call must preserve; no
   floating point: the programs are built soft-float, lp64s).
   coro_switch(from = a0, to = a1): save ours in from, load to's, and
   "return" to to's ra on to's stack.
   coro_init(c = a0, stack_top = a1, entry = a2): ra = entry, sp = the top
   rounded down to 16 bytes (the psABI's alignment), fp = 0. */
	.text
	.globl coro_switch
coro_switch:
	st.d	$ra, $a0, 0
	st.d	$sp, $a0, 8
	st.d	$fp, $a0, 16
	st.d	$s0, $a0, 24
	st.d	$s1, $a0, 32
	st.d	$s2, $a0, 40
	st.d	$s3, $a0, 48
	st.d	$s4, $a0, 56
	st.d	$s5, $a0, 64
	st.d	$s6, $a0, 72
	st.d	$s7, $a0, 80
	st.d	$s8, $a0, 88
	ld.d	$ra, $a1, 0
	ld.d	$sp, $a1, 8
	ld.d	$fp, $a1, 16
	ld.d	$s0, $a1, 24
	ld.d	$s1, $a1, 32
	ld.d	$s2, $a1, 40
	ld.d	$s3, $a1, 48
	ld.d	$s4, $a1, 56
	ld.d	$s5, $a1, 64
	ld.d	$s6, $a1, 72
	ld.d	$s7, $a1, 80
	ld.d	$s8, $a1, 88
	jr	$ra

	.globl coro_init
coro_init:
	bstrins.d	$a1, $zero, 3, 0
	st.d	$a2, $a0, 0
	st.d	$a1, $a0, 8
	st.d	$zero, $a0, 16
	jr	$ra
