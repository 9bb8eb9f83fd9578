/* syscall.S - loongarch64 system call: number in a7, arguments in a0..a5,
   result in a0. C signature: long __syscall(long n, long a0, ..., long a5). */
	.text
	.globl __syscall
__syscall:
	move	$a7, $a0
	move	$a0, $a1
	move	$a1, $a2
	move	$a2, $a3
	move	$a3, $a4
	move	$a4, $a5
	move	$a5, $a6
	syscall	0
	jr	$ra
