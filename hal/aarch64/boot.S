/*
 * boot.S - aarch64 entry. QEMU loads the raw image at physical 0x40080000
 * and jumps here at EL1 with the MMU off, interrupts masked and
 * x0 = physical address of the DTB.
 *
 * We turn the MMU on with a boot page table of 1 GiB blocks. TTBR1 maps the
 * first 512 GiB of physical memory at KERNEL_OFFSET (the direct map, where
 * the kernel is linked); TTBR0 uses the same table, so the low half is an
 * identity map and the instruction after the MMU switch still has a
 * mapping. Then we jump to the upper half, set the stack, clear BSS, drop
 * the identity map and call hal_boot(dtb). CPUs other than the boot CPU
 * are parked (QEMU only starts them through PSCI CPU_ON anyway).
 */
#include "aarch64.h"

	.section .text.entry, "ax"
	.globl	_start
	.type	_start, %function
_start:
	.cfi_sections .debug_frame
	.cfi_startproc
	.cfi_undefined x30		/* for gdb: no caller above this frame */
	/* park every CPU but the one with affinity 0 */
	mrs	x1, mpidr_el1
	ldr	x2, =MPIDR_AFF_MASK
	tst	x1, x2
	b.ne	park
	mov	x19, x0			/* DTB physical address */

	/* FP/SIMD instructions must not trap (the kernel avoids them, but still) */
	ldr	x1, =CPACR_FPEN
	msr	cpacr_el1, x1

	/* memory types; translation control with IPS = the CPU's PARange */
	ldr	x1, =MAIR_VALUE
	msr	mair_el1, x1
	ldr	x1, =TCR_VALUE
	mrs	x2, id_aa64mmfr0_el1
	bfi	x1, x2, #TCR_IPS_SHIFT, #3
	msr	tcr_el1, x1

	/* both halves use boot_l0; adrp is pc-relative: a physical address here */
	adrp	x1, boot_l0
	msr	ttbr0_el1, x1
	msr	ttbr1_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb

	/* MMU and caches on */
	ldr	x1, =SCTLR_VALUE
	msr	sctlr_el1, x1
	isb

	/* jump to the same code in the upper half */
	ldr	x1, =1f
	br	x1
1:
	ldr	x1, =boot_stack_top
	mov	sp, x1
	ldr	x1, =kernel_bss_start
	ldr	x2, =kernel_bss_end
2:	cmp	x1, x2
	b.hs	3f
	stp	xzr, xzr, [x1], #16
	b	2b
3:
	/* the low half is for user space: point TTBR0 at an empty table */
	ldr	x1, =boot_empty_l0 - KERNEL_OFFSET
	msr	ttbr0_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb

	mov	x0, x19
	bl	hal_boot
park:
	wfe
	b	park
	.cfi_endproc
	.size	_start, . - _start

	.section .bss.stack, "aw", @nobits
	.align	12
	.globl	boot_stack
boot_stack:
	.space	4096 * 16
	.globl	boot_stack_top
boot_stack_top:

	.section .bss
	.align	12
	.globl	boot_empty_l0		/* also hal_pt_activate(NULL)'s table */
boot_empty_l0:
	.space	4096

	.section .data
	.align	12
	/* level 0: entry 0 covers 512 GiB through boot_l1 */
boot_l0:
	.quad	(boot_l1 - KERNEL_OFFSET) + (PTE_VALID | PTE_TABLE)
	.rept	511
	.quad	0
	.endr

	/* level 1: entry i maps physical GiB i with a block descriptor */
boot_l1:
	.quad	PTE_BLOCK_DEVICE		/* GiB 0: flash, GIC, UART, virtio-mmio, PCI */
	.set	gib, 1
	.rept	255				/* GiB 1..255: RAM */
	.quad	(gib << 30) | PTE_BLOCK_NORMAL
	.set	gib, gib + 1
	.endr
	.rept	256				/* GiB 256..511: high PCI ECAM and GIC */
	.quad	(gib << 30) | PTE_BLOCK_DEVICE
	.set	gib, gib + 1
	.endr
