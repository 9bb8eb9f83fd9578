/* crt0.S - x86_64 program entry: rdi = argc, rsi = argv, rsp (16-byte
   aligned) set by the kernel. */
	.section .text.entry, "ax"
	.globl _start
_start:
	xor	%ebp, %ebp
	call	__start_main
1:	jmp	1b

	.section .note.GNU-stack, "", @progbits	/* no executable stack */
