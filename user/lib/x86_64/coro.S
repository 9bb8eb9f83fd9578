/* coro.S - x86_64 user-level context switch (stackful_coroutine).
   struct coro: rip, rsp, rbx, rbp, r12..r15 (the registers a call must
   preserve; no SSE/x87 state: the programs are built without them).
   coro_switch(from = rdi, to = rsi): pop our return address and save it
   with our registers in from, then load to's and jump to its rip.
   coro_init(c = rdi, stack_top = rsi, entry = rdx): rip = entry; rsp as
   right after a call: 8 below a 16-byte boundary, on a return address 0
   (entry never returns); rbp = 0. */
	.text
	.globl coro_switch
coro_switch:
	popq	%rax
	movq	%rax, 0(%rdi)
	movq	%rsp, 8(%rdi)
	movq	%rbx, 16(%rdi)
	movq	%rbp, 24(%rdi)
	movq	%r12, 32(%rdi)
	movq	%r13, 40(%rdi)
	movq	%r14, 48(%rdi)
	movq	%r15, 56(%rdi)
	movq	8(%rsi), %rsp
	movq	16(%rsi), %rbx
	movq	24(%rsi), %rbp
	movq	32(%rsi), %r12
	movq	40(%rsi), %r13
	movq	48(%rsi), %r14
	movq	56(%rsi), %r15
	jmpq	*0(%rsi)

	.globl coro_init
coro_init:
	andq	$-16, %rsi
	subq	$8, %rsi
	movq	$0, (%rsi)
	movq	%rdx, 0(%rdi)
	movq	%rsi, 8(%rdi)
	movq	$0, 24(%rdi)
	ret

	.section .note.GNU-stack, "", @progbits	/* no executable stack */
