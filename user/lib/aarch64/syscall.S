/* syscall.S - aarch64 system call: number in x8, arguments in x0..x5,
   result in x0. C signature: long __syscall(long n, long a0, ..., long a5). */
	.text
	.globl __syscall
__syscall:
	mov	x8, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
	mov	x5, x6
	svc	#0
	ret
