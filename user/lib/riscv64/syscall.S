/* syscall.S - riscv64 system call: number in a7, arguments in a0..a5,
   result in a0. C signature: long __syscall(long n, long a0, ..., long a5). */
	.text
	.globl __syscall
__syscall:
	mv	a7, a0
	mv	a0, a1
	mv	a1, a2
	mv	a2, a3
	mv	a3, a4
	mv	a4, a5
	mv	a5, a6
	ecall
	ret
