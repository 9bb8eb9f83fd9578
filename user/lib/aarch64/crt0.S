/* crt0.S - aarch64 program entry: x0 = argc, x1 = argv, sp set by the kernel. */
	.section .text.entry, "ax"
	.globl _start
_start:
	mov	x29, xzr
	mov	x30, xzr
	bl	__start_main
1:	b	1b
