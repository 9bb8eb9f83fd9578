/*
 * boot.S - riscv64 entry. OpenSBI jumps here in S-mode at physical
 * 0x80200000 with a0 = hart id and a1 = physical address of the DTB.
 *
 * We turn on Sv39 paging with a boot page table of 1 GiB pages that maps
 * the first 256 GiB of physical memory at KERNEL_OFFSET (the direct map,
 * where the kernel is linked) and the kernel's own gigabyte at its physical
 * address too, so the instruction after `csrw satp` still has a mapping.
 * Then we jump to the upper half, set the stack, clear BSS and call
 * hal_boot(hartid, dtb). Other harts stay in OpenSBI until started.
 */
#define KERNEL_OFFSET 0xffffffc000000000

	.section .text.entry, "ax"
	.globl _start
_start:
	/* satp = Sv39 | ppn(boot_pagetable); la is pc-relative: a physical address here */
	la	t0, boot_pagetable
	srli	t0, t0, 12
	li	t1, 8 << 60
	or	t0, t0, t1
	csrw	satp, t0
	sfence.vma

	/* jump to the same code in the upper half */
	li	t1, KERNEL_OFFSET
	la	t0, 1f
	add	t0, t0, t1
	jr	t0
1:
	la	sp, boot_stack_top
	mv	s0, a0
	mv	s1, a1
	la	t0, kernel_bss_start
	la	t1, kernel_bss_end
2:	bgeu	t0, t1, 3f
	sd	zero, (t0)
	addi	t0, t0, 8
	j	2b
3:
	mv	a0, s0
	mv	a1, s1
	call	hal_boot
4:	wfi
	j	4b

	.section .bss.stack, "aw", @nobits
	.align	12
	.globl	boot_stack
boot_stack:
	.space	4096 * 16
	.globl	boot_stack_top
boot_stack_top:

	.section .data
	.align	12
	.globl	boot_pagetable
boot_pagetable:
	/* entry i maps a 1 GiB page: ppn = (pa >> 12), V R W X A D G = 0xef */
	.quad	0
	.quad	0
	.quad	(0x80000000 >> 2) | 0xef	/* identity for the kernel's own gigabyte */
	.rept	253
	.quad	0
	.endr
	.set	gib, 0
	.rept	256			/* entries 256..511: the direct map */
	.quad	(gib << 28) | 0xef
	.set	gib, gib + 1
	.endr
