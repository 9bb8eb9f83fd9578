/*
 * trap.S - aarch64 trap entry and exit.
 *
 * user_enter(tf) saves the kernel's callee-saved registers on the kernel
 * stack, keeps the stack pointer in tf->kscratch[0], points SP_EL1 at tf
 * and `eret`s to EL0 with the registers of tf. The next exception from EL0
 * lands in the "lower EL" half of `vectors` with sp = tf, so the user
 * registers go straight into tf; then we reload the kernel stack and
 * return from user_enter() to its caller. tf->kscratch[1] says which kind
 * of exception it was (VEC_SYNC, VEC_IRQ, ... in trap.c).
 *
 * An exception taken at EL1 (a kernel bug, or an interrupt if the kernel
 * turned them on) is saved on the current stack and handed to
 * aarch64_kernel_trap(regs, kind); if that returns, we resume.
 *
 * Trap frame: reg[0..30] = x0..x30, reg[31] = sp_el0, then pc (elr_el1),
 * status (spsr_el1), tp (tpidr_el0), kscratch[].
 */
#include "aarch64.h"
#include "abi/sysnum.h"

#define ESR_EC_SHIFT 26	/* ESR_EL1.EC: the exception class */
#define ESR_EC_SVC64 0x15 /* an svc from AArch64 */

#define TF_SP     (31 * 8)
#define TF_PC     (32 * 8)
#define TF_STATUS (33 * 8)
#define TF_TP     (34 * 8)
#define TF_KSP    (35 * 8)
#define TF_KIND   (36 * 8)

#define VEC_SYNC    0
#define VEC_IRQ     1
#define VEC_FIQ     2
#define VEC_SERROR  3
#define VEC_AARCH32 4

#define KFRAME (34 * 8) /* x0..x30, sp, elr, spsr */

	.text
	.globl	user_enter
user_enter:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	mov	x1, sp
	str	x1, [x0, #TF_KSP]
	ldr	x1, [x0, #TF_PC]
	msr	elr_el1, x1
	ldr	x1, [x0, #TF_STATUS]
	and	x1, x1, #SPSR_NZCV	/* EL0t, interrupts on: whatever tf says */
	msr	spsr_el1, x1
	ldr	x1, [x0, #TF_SP]
	msr	sp_el0, x1
	ldr	x1, [x0, #TF_TP]
	msr	tpidr_el0, x1
	mov	sp, x0			/* where the vector saves the user registers */
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
	eret

/* From EL0: sp = tf. Save x0, x1 to free them, x0 = kind. */
	.macro	from_user kind
	.balign	0x80
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	b	user_trap
	.endm

/* The lower-EL synchronous vector: an `svc` of SYS_BARE_TRAP (make
   bench's floor) goes back at once (elr_el1 is past the svc already);
   anything else is from_user VEC_SYNC. */
	.macro	bare_or_user
	.balign	0x80
	stp	x0, x1, [sp, #0]
	mrs	x0, esr_el1
	ubfx	x0, x0, #ESR_EC_SHIFT, #6
	cmp	x0, #ESR_EC_SVC64
	b.ne	1f
	mov	x0, #SYS_BARE_TRAP
	cmp	x8, x0
	b.ne	1f
	ldp	x0, x1, [sp, #0]
	eret
1:	mov	x0, #VEC_SYNC
	b	user_trap
	.endm

/* From EL1: make room for the registers on the current stack. */
	.macro	from_kernel kind
	.balign	0x80
	sub	sp, sp, #KFRAME
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	b	kernel_trap_entry
	.endm

	.balign	0x800
	.globl	vectors
vectors:
	from_kernel VEC_SYNC		/* current EL with SP_EL0 (we never use it) */
	from_kernel VEC_IRQ
	from_kernel VEC_FIQ
	from_kernel VEC_SERROR
	from_kernel VEC_SYNC		/* current EL with SP_ELx: the kernel */
	from_kernel VEC_IRQ
	from_kernel VEC_FIQ
	from_kernel VEC_SERROR
	bare_or_user			/* lower EL, AArch64: user mode */
	from_user VEC_IRQ
	from_user VEC_FIQ
	from_user VEC_SERROR
	from_user VEC_AARCH32		/* lower EL, AArch32: never entered */
	from_user VEC_AARCH32
	from_user VEC_AARCH32
	from_user VEC_AARCH32

user_trap:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x1, sp_el0
	stp	x30, x1, [sp, #240]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #TF_PC]
	mrs	x1, tpidr_el0
	str	x1, [sp, #TF_TP]
	str	x0, [sp, #TF_KIND]
	ldr	x1, [sp, #TF_KSP]
	mov	sp, x1
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret				/* from user_enter() */

kernel_trap_entry:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	add	x1, sp, #KFRAME		/* sp before the trap */
	stp	x30, x1, [sp, #240]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #256]
	mov	x1, x0
	mov	x0, sp
	bl	aarch64_kernel_trap	/* saved registers as uint64_t[34], kind */
	ldp	x1, x2, [sp, #256]
	msr	elr_el1, x1
	msr	spsr_el1, x2
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #KFRAME
	eret
