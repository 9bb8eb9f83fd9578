/*
 * boot.S - x86_64 entry. QEMU's Multiboot loader (-kernel) copies the
 * kernel to physical 1 MiB as the header below says and jumps to _start in
 * 32-bit protected mode, paging off, eax = 0x2badb002, ebx = physical
 * address of the Multiboot information.
 *
 * The code here is linked in the upper half but runs at its physical
 * address until paging is on, so every address it uses is "sym - KERNEL_BASE".
 * We mask the 8259 PICs, turn on long mode with the boot page tables below,
 * far jump to 64-bit code, jump to the upper half, load the GDT there, set
 * the stack, clear BSS and call hal_boot(multiboot info pa).
 */
#include "x86.h"

	.cfi_sections .debug_frame

#define MB_MAGIC 0x1badb002
#define MB_FLAGS 0x00010002 /* bit 1: give us the memory map; bit 16: addresses below */
#define MB_BOOT_MAGIC 0x2badb002 /* in eax when a Multiboot loader started us */

#define PA(x) ((x) - KERNEL_BASE)

	/* The Multiboot v1 header: in the first 8 KiB of the file, 4-byte aligned. */
	.section .multiboot, "a"
	.align	4
mb_header:
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)
	.long	PA(mb_header)		/* header_addr */
	.long	PA(kernel_start)	/* load_addr: file bytes from here ... */
	.long	PA(kernel_data_end)	/* load_end_addr: ... to here */
	.long	PA(kernel_end)		/* bss_end_addr: zeroed up to here */
	.long	PA(_start)		/* entry_addr */

	.section .text.entry, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	cmpl	$MB_BOOT_MAGIC, %eax
	je	1f
	xorl	%ebx, %ebx		/* not started by Multiboot: no info */
1:
	/* mask every line of both 8259 PICs; the kernel uses the APICs */
	movb	$0xff, %al
	outb	%al, $PIC1_DATA
	outb	%al, $PIC2_DATA

	/* long mode: PAE, the boot page tables, EFER.LME (and NXE), then paging */
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$PA(boot_pml4), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NXE), %eax	/* NXE: pagetable.c uses PTE_NX */
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0

	/* we are in compatibility mode; a 64-bit code segment takes us to 64-bit mode */
	lgdt	PA(gdt_ptr32)
	ljmp	$KCODE_SEL, $PA(start64)

	.code64
start64:
	movabsq	$high, %rax		/* the same code in the upper half */
	jmp	*%rax
high:
	.cfi_startproc		/* tell gdb this is the outermost frame */
	.cfi_undefined %rip
	lgdt	gdt_ptr64(%rip)		/* GDT base in the upper half too */
	movl	$KDATA_SEL, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$boot_stack_top, %rsp
	movl	%ebx, %r12d		/* zero-extends: the top halves are undefined here */

	movq	$kernel_bss_start, %rdi
	movq	$kernel_bss_end, %rcx
	subq	%rdi, %rcx
	shrq	$3, %rcx
	xorl	%eax, %eax
	rep stosq

	xorl	%ebp, %ebp		/* ends gdb's backtrace here */
	movq	%r12, %rdi
	call	hal_boot
2:	cli
	hlt
	jmp	2b
	.cfi_endproc

	/* Boot GDT: null, 64-bit kernel code, kernel data. */
	.section .rodata
	.align	16
gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* KCODE_SEL: present, ring 0, code, L (64-bit) */
	.quad	0x00cf92000000ffff	/* KDATA_SEL: present, ring 0, data, writable */
gdt_end:
gdt_ptr32:
	.word	gdt_end - gdt - 1
	.long	PA(gdt)
gdt_ptr64:
	.word	gdt_end - gdt - 1
	.quad	gdt

	.section .bss.stack, "aw", @nobits
	.align	4096
	.globl	boot_stack
boot_stack:
	.space	4096 * 16
	.globl	boot_stack_top
boot_stack_top:

/*
 * Boot page tables, 2 MiB pages. One PDPT maps physical [0, 4 GiB) through
 * four page directories; PML4 entry 0 uses it for the identity map (needed
 * while we jump to the upper half) and entry 256 for the direct map at
 * DIRECT_MAP. PML4 entry 511 maps the kernel window KERNEL_BASE -> physical
 * 0 (first GiB) with the first page directory.
 * On q35, [0xb0000000, 4 GiB) is never RAM (PCI ECAM, PCI MMIO, IOAPIC,
 * HPET, LAPIC, BIOS flash), so those pages are mapped uncached (PCD|PWT).
 */
#define PG (PTE_P | PTE_W)
	.section .data
	.align	4096
	.globl	boot_pml4
boot_pml4:
	.quad	PA(boot_pdpt) + PG	/* 0: identity */
	.fill	255, 8, 0
	.quad	PA(boot_pdpt) + PG	/* 256: DIRECT_MAP */
	.fill	254, 8, 0
	.quad	PA(boot_pdpt_kernel) + PG	/* 511: KERNEL_BASE */
boot_pdpt:
	.quad	PA(boot_pd) + PG
	.quad	PA(boot_pd) + 0x1000 + PG
	.quad	PA(boot_pd) + 0x2000 + PG
	.quad	PA(boot_pd) + 0x3000 + PG
	.fill	508, 8, 0
boot_pdpt_kernel:
	.fill	510, 8, 0
	.quad	PA(boot_pd) + PG	/* 510: 0xffffffff80000000 -> first GiB */
	.quad	0
boot_pd:
	.set	pa, 0
	.rept	2048
	.if	pa >= 0xb0000000
	.quad	pa + (PG | PTE_PS | PTE_PCD | PTE_PWT)
	.else
	.quad	pa + (PG | PTE_PS)
	.endif
	.set	pa, pa + 0x200000
	.endr
