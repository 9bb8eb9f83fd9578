/* syscall.S - x86_64 system call: number in rax, arguments in rdi, rsi,
   rdx, r10, r8, r9, result in rax (syscall clobbers rcx and r11).
   C signature: long __syscall(long n, long a0, ..., long a5). */
	.text
	.globl __syscall
__syscall:
	mov	%rdi, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	mov	%rcx, %rdx
	mov	%r8, %r10
	mov	%r9, %r8
	mov	8(%rsp), %r9
	syscall
	ret

	.section .note.GNU-stack, "", @progbits	/* no executable stack */
