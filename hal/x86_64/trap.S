/*
 * trap.S - x86_64 trap entry and exit.
 *
 * user_enter(tf, fast) saves the kernel's callee-saved registers on the
 * kernel stack, keeps the stack pointer in tf->kscratch[0] and drops to
 * ring 3 with the registers of tf: with sysretq if `fast` (rcx and r11
 * then hold the user rip and rflags, as right after a syscall), else with
 * iretq, which restores every register. hal_user_run() has already set
 * trap_tf = tf and TSS.RSP0 = &tf->reg[REG_END].
 *
 * The next trap from ring 3 comes back here one of two ways, saves the
 * user registers into tf, restores the kernel stack and returns from
 * user_enter() to its caller:
 *   - `syscall` jumps to syscall_entry (LSTAR) on the user stack; rcx =
 *     user rip, r11 = user rflags. trap_tf says where the frame is.
 *   - an exception or interrupt goes through the IDT to trap_stubs: the CPU
 *     switches to TSS.RSP0 and pushes its frame (ss, rsp, rflags, cs, rip,
 *     maybe an error code) straight into tf, the stub pushes the vector.
 * A trap taken in ring 0 gets the same frame on the current kernel stack
 * and goes to x86_kernel_trap() instead. Interrupts are off in ring 0.
 */
#include "x86.h"
#include "abi/sysnum.h"

/* Save / restore the general registers but rsp in the frame rsp points at.
   No call or push while rsp points at a trap frame: that would write
   below it. */
.macro SAVE_REGS
	movq	%rax, REG_RAX * 8(%rsp)
	movq	%rcx, REG_RCX * 8(%rsp)
	movq	%rdx, REG_RDX * 8(%rsp)
	movq	%rbx, REG_RBX * 8(%rsp)
	movq	%rbp, REG_RBP * 8(%rsp)
	movq	%rsi, REG_RSI * 8(%rsp)
	movq	%rdi, REG_RDI * 8(%rsp)
	movq	%r8, REG_R8 * 8(%rsp)
	movq	%r9, REG_R9 * 8(%rsp)
	movq	%r10, REG_R10 * 8(%rsp)
	movq	%r11, REG_R11 * 8(%rsp)
	movq	%r12, REG_R12 * 8(%rsp)
	movq	%r13, REG_R13 * 8(%rsp)
	movq	%r14, REG_R14 * 8(%rsp)
	movq	%r15, REG_R15 * 8(%rsp)
.endm

.macro RESTORE_REGS
	movq	REG_RAX * 8(%rsp), %rax
	movq	REG_RCX * 8(%rsp), %rcx
	movq	REG_RDX * 8(%rsp), %rdx
	movq	REG_RBX * 8(%rsp), %rbx
	movq	REG_RBP * 8(%rsp), %rbp
	movq	REG_RSI * 8(%rsp), %rsi
	movq	REG_RDI * 8(%rsp), %rdi
	movq	REG_R8 * 8(%rsp), %r8
	movq	REG_R9 * 8(%rsp), %r9
	movq	REG_R10 * 8(%rsp), %r10
	movq	REG_R11 * 8(%rsp), %r11
	movq	REG_R12 * 8(%rsp), %r12
	movq	REG_R13 * 8(%rsp), %r13
	movq	REG_R14 * 8(%rsp), %r14
	movq	REG_R15 * 8(%rsp), %r15
.endm

	.text
	.globl user_enter
user_enter:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, TF_KSP(%rdi)
	movq	%rdi, %rsp		/* rsp = tf from here on */
	testl	%esi, %esi
	jz	1f

	/* sysretq: rip = rcx, rflags = r11; the rest from tf */
	movq	TF_PC(%rsp), %rcx
	movq	TF_STATUS(%rsp), %r11
	movq	REG_RAX * 8(%rsp), %rax
	movq	REG_RDX * 8(%rsp), %rdx
	movq	REG_RBX * 8(%rsp), %rbx
	movq	REG_RBP * 8(%rsp), %rbp
	movq	REG_RSI * 8(%rsp), %rsi
	movq	REG_RDI * 8(%rsp), %rdi
	movq	REG_R8 * 8(%rsp), %r8
	movq	REG_R9 * 8(%rsp), %r9
	movq	REG_R10 * 8(%rsp), %r10
	movq	REG_R12 * 8(%rsp), %r12
	movq	REG_R13 * 8(%rsp), %r13
	movq	REG_R14 * 8(%rsp), %r14
	movq	REG_R15 * 8(%rsp), %r15
	movq	REG_RSP * 8(%rsp), %rsp
	sysretq

	/* iretq: build the interrupt frame in tf, restore every register */
1:	movq	TF_PC(%rsp), %rax
	movq	%rax, REG_RIP * 8(%rsp)
	movq	$UCODE_SEL, REG_CS * 8(%rsp)
	movq	TF_STATUS(%rsp), %rax
	movq	%rax, REG_RFLAGS * 8(%rsp)
	movq	REG_RSP * 8(%rsp), %rax
	movq	%rax, REG_USP * 8(%rsp)
	movq	$UDATA_SEL, REG_SS * 8(%rsp)
	RESTORE_REGS
	leaq	REG_RIP * 8(%rsp), %rsp
	iretq

/* Back to the caller of user_enter(), on the kernel stack saved in tf. */
return_to_kernel:
	movq	TF_KSP(%rsp), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

/* `syscall` from ring 3; interrupts are off (SFMASK clears IF). */
	.globl	syscall_entry
syscall_entry:
	cmpq	$SYS_BARE_TRAP, %rax	/* make bench's floor: back at once */
	jne	1f
	sysretq
1:	movq	%rsp, syscall_rsp(%rip)
	movq	trap_tf(%rip), %rsp
	SAVE_REGS
	movq	%rcx, TF_PC(%rsp)
	movq	%r11, TF_STATUS(%rsp)
	movq	syscall_rsp(%rip), %rax
	movq	%rax, REG_RSP * 8(%rsp)
	movq	$VEC_SYSCALL, REG_VEC * 8(%rsp)
	jmp	return_to_kernel

/* One 16-byte stub per vector: push a 0 where the CPU pushes no error
   code, push the vector number, go to trap_common. trap.c points IDT
   entry n at trap_stubs + 16 * n. */
#define HAS_ERROR(n) ((n) == 8 || ((n) >= 10 && (n) <= 14) || (n) == 17 || (n) == 21 || \
		      (n) == 29 || (n) == 30)
	.align	16
	.globl	trap_stubs
trap_stubs:
	.set	vec, 0
	.rept	256
	.align	16
	.if	HAS_ERROR(vec) == 0
	pushq	$0
	.endif
	pushq	$vec
	jmp	trap_common
	.set	vec, vec + 1
	.endr

/* rsp points at the vector, with the error code and the CPU's frame above:
   reg[REG_VEC..REG_SS] of a frame laid out like a trapframe. From ring 3
   that frame is tf itself; from ring 0 it is on the kernel stack. */
trap_common:
	subq	$REG_VEC * 8, %rsp
	SAVE_REGS
	cld				/* C code wants DF clear; user code may have set it */
	testb	$3, REG_CS * 8(%rsp)
	jz	1f
	movq	REG_RIP * 8(%rsp), %rax
	movq	%rax, TF_PC(%rsp)
	movq	REG_RFLAGS * 8(%rsp), %rax
	movq	%rax, TF_STATUS(%rsp)
	movq	REG_USP * 8(%rsp), %rax
	movq	%rax, REG_RSP * 8(%rsp)
	jmp	return_to_kernel

	/* from ring 0: the frame is 16-byte aligned, ready for a C call */
1:	movq	%rsp, %rdi
	call	x86_kernel_trap		/* returns only for an interrupt */
	RESTORE_REGS
	leaq	REG_RIP * 8(%rsp), %rsp
	iretq

	.data
	.align	8
	.globl	trap_tf
trap_tf:
	.quad	0			/* the frame of the user code running now (one CPU) */
syscall_rsp:
	.quad	0			/* the user rsp, for a moment in syscall_entry */

	.section .note.GNU-stack, "", @progbits
