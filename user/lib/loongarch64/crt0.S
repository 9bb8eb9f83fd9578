/* crt0.S - loongarch64 program entry: a0 = argc, a1 = argv, sp set by the kernel. */
	.section .text.entry, "ax"
	.globl _start
_start:
	move	$fp, $zero
	move	$ra, $zero
	bl	__start_main
1:	b	1b
