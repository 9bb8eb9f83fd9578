/* crt0.S - riscv64 program entry: a0 = argc, a1 = argv, sp set by the kernel. */
	.section .text.entry, "ax"
	.globl _start
_start:
	mv	fp, zero
	mv	ra, zero
	call	__start_main
1:	j	1b
