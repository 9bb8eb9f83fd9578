/*
 * trap.S - loongarch64 trap entry and exit, and the TLB refill handler.
 *
 * user_enter(tf) saves the kernel's callee-saved registers on the kernel
 * stack, keeps the stack pointer in tf->kscratch[0], puts tf in the
 * scratch CSR SAVE0 and `ertn`s to user mode (PRMD: PLV3, interrupts on)
 * with the registers of tf. The next trap from user mode lands in
 * trap_vector (EENTRY), which saves the user registers into tf, restores
 * the kernel stack and returns from user_enter() to its caller.
 *
 * PRMD.PPLV says where a trap came from: a trap from PLV0 is the
 * kernel's, saved on the current stack instead. reg[i] of tf is $ri.
 */
#include "loongarch.h"
#include "abi/sysnum.h"

#define ECODE_SYSCALL 0xb /* ESTAT.Ecode of a syscall */

#define TF_PC	  (32 * 8)
#define TF_STATUS (33 * 8)
#define TF_KSP	  (35 * 8)
#define CSR_TF	  CSR_SAVE0 /* trap frame of the user code that runs */
#define CSR_T0	  CSR_SAVE1 /* $t0 while the entry code needs it */

	.text
	.globl	user_enter
user_enter:
	addi.d	$sp, $sp, -14 * 8
	st.d	$ra, $sp, 0
	st.d	$tp, $sp, 8
	st.d	$r21, $sp, 16
	st.d	$fp, $sp, 24
	st.d	$s0, $sp, 32
	st.d	$s1, $sp, 40
	st.d	$s2, $sp, 48
	st.d	$s3, $sp, 56
	st.d	$s4, $sp, 64
	st.d	$s5, $sp, 72
	st.d	$s6, $sp, 80
	st.d	$s7, $sp, 88
	st.d	$s8, $sp, 96
	st.d	$sp, $a0, TF_KSP
	move	$t0, $a0
	csrwr	$t0, CSR_TF
	ld.d	$t0, $a0, TF_PC
	csrwr	$t0, CSR_ERA
	li.w	$t0, PRMD_PPLV_USER | PRMD_PIE	/* ertn: to PLV3, interrupts on */
	csrwr	$t0, CSR_PRMD
	ld.d	$r1, $a0, 1 * 8
	ld.d	$r2, $a0, 2 * 8
	ld.d	$r3, $a0, 3 * 8
	ld.d	$r5, $a0, 5 * 8
	ld.d	$r6, $a0, 6 * 8
	ld.d	$r7, $a0, 7 * 8
	ld.d	$r8, $a0, 8 * 8
	ld.d	$r9, $a0, 9 * 8
	ld.d	$r10, $a0, 10 * 8
	ld.d	$r11, $a0, 11 * 8
	ld.d	$r12, $a0, 12 * 8
	ld.d	$r13, $a0, 13 * 8
	ld.d	$r14, $a0, 14 * 8
	ld.d	$r15, $a0, 15 * 8
	ld.d	$r16, $a0, 16 * 8
	ld.d	$r17, $a0, 17 * 8
	ld.d	$r18, $a0, 18 * 8
	ld.d	$r19, $a0, 19 * 8
	ld.d	$r20, $a0, 20 * 8
	ld.d	$r21, $a0, 21 * 8
	ld.d	$r22, $a0, 22 * 8
	ld.d	$r23, $a0, 23 * 8
	ld.d	$r24, $a0, 24 * 8
	ld.d	$r25, $a0, 25 * 8
	ld.d	$r26, $a0, 26 * 8
	ld.d	$r27, $a0, 27 * 8
	ld.d	$r28, $a0, 28 * 8
	ld.d	$r29, $a0, 29 * 8
	ld.d	$r30, $a0, 30 * 8
	ld.d	$r31, $a0, 31 * 8
	ld.d	$r4, $a0, 4 * 8
	ertn

	/* EENTRY must be 4 KiB aligned */
	.balign	4096
	.globl	trap_vector
trap_vector:
	csrwr	$t0, CSR_T0		/* keep $t0 */
	csrrd	$t0, CSR_PRMD
	andi	$t0, $t0, PRMD_PPLV_MASK
	beqz	$t0, from_kernel
	/* A syscall of SYS_BARE_TRAP (make bench's floor) goes back at once. */
	csrrd	$t0, CSR_ESTAT
	srli.d	$t0, $t0, 16
	andi	$t0, $t0, 0x3f
	addi.d	$t0, $t0, -ECODE_SYSCALL
	bnez	$t0, 1f
	addi.d	$t0, $a7, -SYS_BARE_TRAP / 2	/* an immediate is 12 bits: */
	addi.d	$t0, $t0, -(SYS_BARE_TRAP - SYS_BARE_TRAP / 2)	/* two steps */
	bnez	$t0, 1f
	csrrd	$t0, CSR_ERA
	addi.d	$t0, $t0, 4
	csrwr	$t0, CSR_ERA
	csrrd	$t0, CSR_T0
	ertn
1:	csrrd	$t0, CSR_TF
	st.d	$r1, $t0, 1 * 8
	st.d	$r2, $t0, 2 * 8
	st.d	$r3, $t0, 3 * 8
	st.d	$r4, $t0, 4 * 8
	st.d	$r5, $t0, 5 * 8
	st.d	$r6, $t0, 6 * 8
	st.d	$r7, $t0, 7 * 8
	st.d	$r8, $t0, 8 * 8
	st.d	$r9, $t0, 9 * 8
	st.d	$r10, $t0, 10 * 8
	st.d	$r11, $t0, 11 * 8
	st.d	$r13, $t0, 13 * 8
	st.d	$r14, $t0, 14 * 8
	st.d	$r15, $t0, 15 * 8
	st.d	$r16, $t0, 16 * 8
	st.d	$r17, $t0, 17 * 8
	st.d	$r18, $t0, 18 * 8
	st.d	$r19, $t0, 19 * 8
	st.d	$r20, $t0, 20 * 8
	st.d	$r21, $t0, 21 * 8
	st.d	$r22, $t0, 22 * 8
	st.d	$r23, $t0, 23 * 8
	st.d	$r24, $t0, 24 * 8
	st.d	$r25, $t0, 25 * 8
	st.d	$r26, $t0, 26 * 8
	st.d	$r27, $t0, 27 * 8
	st.d	$r28, $t0, 28 * 8
	st.d	$r29, $t0, 29 * 8
	st.d	$r30, $t0, 30 * 8
	st.d	$r31, $t0, 31 * 8
	csrrd	$t1, CSR_T0
	st.d	$t1, $t0, 12 * 8
	csrrd	$t1, CSR_ERA
	st.d	$t1, $t0, TF_PC
	csrrd	$t1, CSR_PRMD
	st.d	$t1, $t0, TF_STATUS
	ld.d	$sp, $t0, TF_KSP
	ld.d	$ra, $sp, 0
	ld.d	$tp, $sp, 8
	ld.d	$r21, $sp, 16
	ld.d	$fp, $sp, 24
	ld.d	$s0, $sp, 32
	ld.d	$s1, $sp, 40
	ld.d	$s2, $sp, 48
	ld.d	$s3, $sp, 56
	ld.d	$s4, $sp, 64
	ld.d	$s5, $sp, 72
	ld.d	$s6, $sp, 80
	ld.d	$s7, $sp, 88
	ld.d	$s8, $sp, 96
	addi.d	$sp, $sp, 14 * 8
	ret				/* from user_enter() */

from_kernel:
	csrrd	$t0, CSR_T0		/* the kernel's $t0 back */
	addi.d	$sp, $sp, -34 * 8
	st.d	$r1, $sp, 1 * 8
	st.d	$r2, $sp, 2 * 8
	st.d	$r4, $sp, 4 * 8
	st.d	$r5, $sp, 5 * 8
	st.d	$r6, $sp, 6 * 8
	st.d	$r7, $sp, 7 * 8
	st.d	$r8, $sp, 8 * 8
	st.d	$r9, $sp, 9 * 8
	st.d	$r10, $sp, 10 * 8
	st.d	$r11, $sp, 11 * 8
	st.d	$r12, $sp, 12 * 8
	st.d	$r13, $sp, 13 * 8
	st.d	$r14, $sp, 14 * 8
	st.d	$r15, $sp, 15 * 8
	st.d	$r16, $sp, 16 * 8
	st.d	$r17, $sp, 17 * 8
	st.d	$r18, $sp, 18 * 8
	st.d	$r19, $sp, 19 * 8
	st.d	$r20, $sp, 20 * 8
	st.d	$r21, $sp, 21 * 8
	st.d	$r22, $sp, 22 * 8
	st.d	$r23, $sp, 23 * 8
	st.d	$r24, $sp, 24 * 8
	st.d	$r25, $sp, 25 * 8
	st.d	$r26, $sp, 26 * 8
	st.d	$r27, $sp, 27 * 8
	st.d	$r28, $sp, 28 * 8
	st.d	$r29, $sp, 29 * 8
	st.d	$r30, $sp, 30 * 8
	st.d	$r31, $sp, 31 * 8
	addi.d	$t0, $sp, 34 * 8
	st.d	$t0, $sp, 3 * 8		/* sp before the trap */
	csrrd	$t0, CSR_ERA
	st.d	$t0, $sp, 32 * 8
	csrrd	$t0, CSR_PRMD
	st.d	$t0, $sp, 33 * 8
	move	$a0, $sp
	bl	loongarch_kernel_trap	/* saved registers, as uint64_t[34] */
	ld.d	$t0, $sp, 32 * 8
	csrwr	$t0, CSR_ERA
	ld.d	$t0, $sp, 33 * 8
	csrwr	$t0, CSR_PRMD
	ld.d	$r1, $sp, 1 * 8
	ld.d	$r2, $sp, 2 * 8
	ld.d	$r4, $sp, 4 * 8
	ld.d	$r5, $sp, 5 * 8
	ld.d	$r6, $sp, 6 * 8
	ld.d	$r7, $sp, 7 * 8
	ld.d	$r8, $sp, 8 * 8
	ld.d	$r9, $sp, 9 * 8
	ld.d	$r10, $sp, 10 * 8
	ld.d	$r11, $sp, 11 * 8
	ld.d	$r12, $sp, 12 * 8
	ld.d	$r13, $sp, 13 * 8
	ld.d	$r14, $sp, 14 * 8
	ld.d	$r15, $sp, 15 * 8
	ld.d	$r16, $sp, 16 * 8
	ld.d	$r17, $sp, 17 * 8
	ld.d	$r18, $sp, 18 * 8
	ld.d	$r19, $sp, 19 * 8
	ld.d	$r20, $sp, 20 * 8
	ld.d	$r21, $sp, 21 * 8
	ld.d	$r22, $sp, 22 * 8
	ld.d	$r23, $sp, 23 * 8
	ld.d	$r24, $sp, 24 * 8
	ld.d	$r25, $sp, 25 * 8
	ld.d	$r26, $sp, 26 * 8
	ld.d	$r27, $sp, 27 * 8
	ld.d	$r28, $sp, 28 * 8
	ld.d	$r29, $sp, 29 * 8
	ld.d	$r30, $sp, 30 * 8
	ld.d	$r31, $sp, 31 * 8
	addi.d	$sp, $sp, 34 * 8
	ertn

/*
 * TLB refill: a user address missed in the TLB. The CPU enters here in
 * direct address mode (so at the PHYSICAL address in TLBRENTRY, which
 * must be 4 KiB aligned, and every load here is physical) and the handler
 * may use no memory of its own: only $t0 and $t1, kept in TLBRSAVE and
 * SAVE2. lddir walks the directories of the address in TLBRBADV down to
 * its page table page; the even and odd page table entries of the pair
 * the address falls in go into TLBRELO0/1, and tlbfill writes them into
 * the TLB with the page size in TLBREHI (set once by tlb_init). An
 * address that is not mapped gets an invalid entry, so the retried access
 * takes a page fault through EENTRY.
 *
 * ldpte would load the pair too, but QEMU 7.2's drops bits 48-63, so NR
 * (bit 61) would be lost: plain loads keep it.
 *
 * NX (bit 62) is cleared on the way unless REFILL_KEEPS_NX (loongarch.h),
 * so user pages are all executable. Not by choice: under QEMU 7.2 a fetch
 * that fails on a valid entry (NX set, or a PLV the fetch may not use)
 * never reaches the kernel. QEMU raises PNX (PPI), and before it delivers
 * any exception but PIF and ADEF it reads the instruction at the faulting
 * pc into BADI, still at PLV3: that read fails the same way and QEMU
 * starts over, forever, the whole machine spinning inside QEMU. A fetch
 * can only be refused by PIF (no valid entry) or ADEF (bad address), and
 * those refuse loads and stores through the same entry too: no entry can
 * be readable but not executable. docs/ch4.md has the details.
 */
	.balign	4096
	.globl	tlb_refill
tlb_refill:
	csrwr	$t0, CSR_TLBRSAVE
	csrwr	$t1, CSR_SAVE2
	csrrd	$t0, CSR_PGD
	lddir	$t0, $t0, 3		/* the root is "directory 3" (PWCH) */
	lddir	$t0, $t0, 1		/* $t0: the page table page */
	csrrd	$t1, CSR_TLBRBADV
	/* va[24:15]: which pair; each pair is 16 bytes of the page */
	bstrpick.d $t1, $t1, PAGE_SHIFT + PT_BITS - 1, PAGE_SHIFT + 1
	alsl.d	$t0, $t1, $t0, 4
	ld.d	$t1, $t0, 0
#if !REFILL_KEEPS_NX
	bstrins.d $t1, $zero, PTE_NX_BIT, PTE_NX_BIT
#endif
	csrwr	$t1, CSR_TLBRELO0
	ld.d	$t1, $t0, 8
#if !REFILL_KEEPS_NX
	bstrins.d $t1, $zero, PTE_NX_BIT, PTE_NX_BIT
#endif
	csrwr	$t1, CSR_TLBRELO1
	tlbfill
	csrrd	$t1, CSR_SAVE2
	csrrd	$t0, CSR_TLBRSAVE
	ertn
