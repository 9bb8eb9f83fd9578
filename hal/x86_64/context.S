/*
 * context.S - x86_64 kernel thread switch.
 * hal_context_switch(from, to): save the return address, rsp and the
 * callee-saved rbx, rbp, r12-r15 into from, load them from to, and return
 * into to's thread. reg[] = rip, rsp, rbx, rbp, r12, r13, r14, r15.
 */
	.text
	.globl hal_context_switch
hal_context_switch:
	popq	%rax			/* our return address; rsp as after `ret` */
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
	jmp	*0(%rsi)

	.section .note.GNU-stack, "", @progbits
