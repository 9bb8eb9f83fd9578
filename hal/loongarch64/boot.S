/*
 * boot.S - loongarch64 entry. QEMU 7.2 loads the kernel ELF at physical
 * KERNEL_PHYS and starts every CPU here at once, at PLV0 in direct address
 * mode (paging off, PC and addresses taken as physical), all registers 0.
 *
 * CPU 0 sets up the two direct mapped windows (DMW0 uncached for devices,
 * DMW1 cached for RAM), jumps to this code's address in the cached window
 * (where the kernel is linked), turns on mapped mode, sets the stack,
 * clears BSS and calls hal_boot(). The other CPUs idle forever.
 */
#include "loongarch.h"

	.section .text.entry, "ax"
	.globl	_start
_start:
	/* park every CPU but CPU 0 */
	csrrd	$t0, CSR_CPUID
	andi	$t0, $t0, CPUID_MASK
	bnez	$t0, park

	/* DMW0 = 0x8000... uncached, DMW1 = 0x9000... cached, both for PLV0 */
	li.d	$t0, DMW0_VALUE
	csrwr	$t0, CSR_DMW0
	li.d	$t0, DMW1_VALUE
	csrwr	$t0, CSR_DMW1

	/*
	 * Jump to label 1 in the cached window. Direct address mode ignores
	 * the top bits of the PC, so this works whether QEMU started us at
	 * the physical or the linked address; once mapped mode is on, DMW1
	 * keeps translating it.
	 */
	la.pcrel $t0, 1f
	li.d	$t1, DMW_PA_MASK
	and	$t0, $t0, $t1
	li.d	$t1, CACHED_BASE
	or	$t0, $t0, $t1
	jr	$t0
1:
	/* mapped mode: PG=1, DA=0, interrupts off, PLV0 (DATF/DATM cached, as Linux does) */
	li.w	$t0, CRMD_PG | CRMD_DATF_CC | CRMD_DATM_CC
	csrwr	$t0, CSR_CRMD
	/* no FP/SIMD in the kernel */
	csrwr	$zero, CSR_EUEN

	la.pcrel $sp, boot_stack_top
	move	$fp, $zero
	la.pcrel $t0, kernel_bss_start
	la.pcrel $t1, kernel_bss_end
2:	bgeu	$t0, $t1, 3f
	st.d	$zero, $t0, 0
	addi.d	$t0, $t0, 8
	b	2b
3:
	bl	hal_boot
park:
	idle	0
	b	park

	.section .bss.stack, "aw", @nobits
	.align	12
	.globl	boot_stack
boot_stack:
	.space	4096 * 16
	.globl	boot_stack_top
boot_stack_top:
