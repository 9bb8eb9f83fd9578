/*
 * trap.S - riscv64 trap entry and exit.
 *
 * user_enter(tf) saves the kernel's callee-saved registers on the kernel
 * stack, keeps the stack pointer in tf->kscratch[0], puts tf in sscratch
 * and `sret`s to user mode with the registers of tf. The next trap from
 * user mode lands in trap_vector, which saves the user registers into tf,
 * restores the kernel stack and returns from user_enter() to its caller.
 *
 * While the kernel runs, sscratch is 0: a trap taken with sscratch == 0
 * came from the kernel and is saved on the current stack instead.
 */
#include "abi/sysnum.h"

#define TF_PC (32 * 8)
#define SCAUSE_ECALL_U 8
#define TF_KSP (35 * 8)
#define SSTATUS_SPP (1 << 8)
#define SSTATUS_SPIE (1 << 5)

	.text
	.globl user_enter
user_enter:
	addi	sp, sp, -14 * 8
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
	sd	tp, 104(sp)
	sd	sp, TF_KSP(a0)
	csrw	sscratch, a0
	ld	t0, TF_PC(a0)
	csrw	sepc, t0
	li	t0, SSTATUS_SPP		/* return to user mode ... */
	csrc	sstatus, t0
	li	t0, SSTATUS_SPIE	/* ... with interrupts on */
	csrs	sstatus, t0
	ld	x1, 1 * 8(a0)
	ld	x2, 2 * 8(a0)
	ld	x3, 3 * 8(a0)
	ld	x4, 4 * 8(a0)
	ld	x5, 5 * 8(a0)
	ld	x6, 6 * 8(a0)
	ld	x7, 7 * 8(a0)
	ld	x8, 8 * 8(a0)
	ld	x9, 9 * 8(a0)
	ld	x11, 11 * 8(a0)
	ld	x12, 12 * 8(a0)
	ld	x13, 13 * 8(a0)
	ld	x14, 14 * 8(a0)
	ld	x15, 15 * 8(a0)
	ld	x16, 16 * 8(a0)
	ld	x17, 17 * 8(a0)
	ld	x18, 18 * 8(a0)
	ld	x19, 19 * 8(a0)
	ld	x20, 20 * 8(a0)
	ld	x21, 21 * 8(a0)
	ld	x22, 22 * 8(a0)
	ld	x23, 23 * 8(a0)
	ld	x24, 24 * 8(a0)
	ld	x25, 25 * 8(a0)
	ld	x26, 26 * 8(a0)
	ld	x27, 27 * 8(a0)
	ld	x28, 28 * 8(a0)
	ld	x29, 29 * 8(a0)
	ld	x30, 30 * 8(a0)
	ld	x31, 31 * 8(a0)
	ld	x10, 10 * 8(a0)
	sret

	.align	4
	.globl	trap_vector
trap_vector:
	csrrw	a0, sscratch, a0	/* a0 = tf, sscratch = user a0 */
	beqz	a0, from_kernel
	/* An ecall of SYS_BARE_TRAP (make bench's floor) goes back at once. */
	sd	t0, 5 * 8(a0)
	sd	t1, 6 * 8(a0)
	csrr	t0, scause
	li	t1, SCAUSE_ECALL_U
	bne	t0, t1, 1f
	li	t1, SYS_BARE_TRAP
	bne	a7, t1, 1f
	csrr	t0, sepc
	addi	t0, t0, 4
	csrw	sepc, t0
	ld	t0, 5 * 8(a0)
	ld	t1, 6 * 8(a0)
	csrrw	a0, sscratch, a0
	sret
1:	ld	t0, 5 * 8(a0)
	ld	t1, 6 * 8(a0)
	sd	x1, 1 * 8(a0)
	sd	x2, 2 * 8(a0)
	sd	x3, 3 * 8(a0)
	sd	x4, 4 * 8(a0)
	sd	x5, 5 * 8(a0)
	sd	x6, 6 * 8(a0)
	sd	x7, 7 * 8(a0)
	sd	x8, 8 * 8(a0)
	sd	x9, 9 * 8(a0)
	sd	x11, 11 * 8(a0)
	sd	x12, 12 * 8(a0)
	sd	x13, 13 * 8(a0)
	sd	x14, 14 * 8(a0)
	sd	x15, 15 * 8(a0)
	sd	x16, 16 * 8(a0)
	sd	x17, 17 * 8(a0)
	sd	x18, 18 * 8(a0)
	sd	x19, 19 * 8(a0)
	sd	x20, 20 * 8(a0)
	sd	x21, 21 * 8(a0)
	sd	x22, 22 * 8(a0)
	sd	x23, 23 * 8(a0)
	sd	x24, 24 * 8(a0)
	sd	x25, 25 * 8(a0)
	sd	x26, 26 * 8(a0)
	sd	x27, 27 * 8(a0)
	sd	x28, 28 * 8(a0)
	sd	x29, 29 * 8(a0)
	sd	x30, 30 * 8(a0)
	sd	x31, 31 * 8(a0)
	csrr	t0, sscratch
	sd	t0, 10 * 8(a0)
	csrw	sscratch, zero
	csrr	t0, sepc
	sd	t0, TF_PC(a0)
	ld	sp, TF_KSP(a0)
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
	ld	tp, 104(sp)
	addi	sp, sp, 14 * 8
	ret				/* from user_enter() */

from_kernel:
	csrrw	a0, sscratch, a0	/* a0 = kernel a0, sscratch = 0 again */
	addi	sp, sp, -34 * 8
	sd	x1, 1 * 8(sp)
	sd	x3, 3 * 8(sp)
	sd	x4, 4 * 8(sp)
	sd	x5, 5 * 8(sp)
	sd	x6, 6 * 8(sp)
	sd	x7, 7 * 8(sp)
	sd	x8, 8 * 8(sp)
	sd	x9, 9 * 8(sp)
	sd	x10, 10 * 8(sp)
	sd	x11, 11 * 8(sp)
	sd	x12, 12 * 8(sp)
	sd	x13, 13 * 8(sp)
	sd	x14, 14 * 8(sp)
	sd	x15, 15 * 8(sp)
	sd	x16, 16 * 8(sp)
	sd	x17, 17 * 8(sp)
	sd	x18, 18 * 8(sp)
	sd	x19, 19 * 8(sp)
	sd	x20, 20 * 8(sp)
	sd	x21, 21 * 8(sp)
	sd	x22, 22 * 8(sp)
	sd	x23, 23 * 8(sp)
	sd	x24, 24 * 8(sp)
	sd	x25, 25 * 8(sp)
	sd	x26, 26 * 8(sp)
	sd	x27, 27 * 8(sp)
	sd	x28, 28 * 8(sp)
	sd	x29, 29 * 8(sp)
	sd	x30, 30 * 8(sp)
	sd	x31, 31 * 8(sp)
	addi	t0, sp, 34 * 8
	sd	t0, 2 * 8(sp)		/* sp before the trap */
	csrr	t0, sepc
	sd	t0, 32 * 8(sp)
	mv	a0, sp
	call	riscv_kernel_trap	/* saved registers, as uint64_t[33] */
	ld	t0, 32 * 8(sp)
	csrw	sepc, t0
	ld	x1, 1 * 8(sp)
	ld	x3, 3 * 8(sp)
	ld	x4, 4 * 8(sp)
	ld	x5, 5 * 8(sp)
	ld	x6, 6 * 8(sp)
	ld	x7, 7 * 8(sp)
	ld	x8, 8 * 8(sp)
	ld	x9, 9 * 8(sp)
	ld	x10, 10 * 8(sp)
	ld	x11, 11 * 8(sp)
	ld	x12, 12 * 8(sp)
	ld	x13, 13 * 8(sp)
	ld	x14, 14 * 8(sp)
	ld	x15, 15 * 8(sp)
	ld	x16, 16 * 8(sp)
	ld	x17, 17 * 8(sp)
	ld	x18, 18 * 8(sp)
	ld	x19, 19 * 8(sp)
	ld	x20, 20 * 8(sp)
	ld	x21, 21 * 8(sp)
	ld	x22, 22 * 8(sp)
	ld	x23, 23 * 8(sp)
	ld	x24, 24 * 8(sp)
	ld	x25, 25 * 8(sp)
	ld	x26, 26 * 8(sp)
	ld	x27, 27 * 8(sp)
	ld	x28, 28 * 8(sp)
	ld	x29, 29 * 8(sp)
	ld	x30, 30 * 8(sp)
	ld	x31, 31 * 8(sp)
	addi	sp, sp, 34 * 8
	sret
