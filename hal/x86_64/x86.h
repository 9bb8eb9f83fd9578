/*
 * x86.h - x86_64 registers, constants and instruction wrappers used inside
 * hal/x86_64. The constants are also read by boot.S (the C parts are hidden
 * from the assembler), so they are plain hex numbers without suffixes.
 */
#ifndef X86_H
#define X86_H

/* Memory layout: the kernel image is linked at physical + KERNEL_BASE (the
   top 2 GiB, for -mcmodel=kernel); all RAM and MMIO below DIRECT_MAP_SIZE
   is reachable at physical + DIRECT_MAP. */
#define KERNEL_BASE	0xffffffff80000000
#define DIRECT_MAP	0xffff800000000000
#define DIRECT_MAP_SIZE 0x100000000 /* 4 GiB, set by the boot page tables */

/* GDT selectors (boot.S builds the GDT). */
#define KCODE_SEL 0x08
#define KDATA_SEL 0x10

/* Control registers. */
#define CR0_PE	0x00000001 /* protected mode */
#define CR0_WP	0x00010000 /* the kernel honours read-only pages */
#define CR0_PG	0x80000000 /* paging */
#define CR4_PAE 0x00000020 /* physical address extension (needed by long mode) */

/* Model-specific registers. */
#define MSR_EFER 0xc0000080
#define EFER_SCE 0x001 /* syscall/sysret */
#define EFER_LME 0x100 /* long mode enable */
#define EFER_NXE 0x800 /* no-execute bit in page tables */

/* Page table entry bits. */
#define PTE_P	0x001 /* present */
#define PTE_W	0x002 /* writable */
#define PTE_U	0x004 /* user */
#define PTE_PWT 0x008 /* write-through */
#define PTE_PCD 0x010 /* cache disable */
#define PTE_PS	0x080 /* 2 MiB page (in a page directory entry) */

#define RFLAGS_IF 0x200 /* interrupts enabled */

/* I/O ports. */
#define PIC1_DATA 0x21 /* 8259 interrupt masks */
#define PIC2_DATA 0xa1

#ifndef __ASSEMBLY__
#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	asm volatile("outw %0, %1" ::"a"(v), "Nd"(port));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

#define read_cr(n)                                                                                 \
	({                                                                                         \
		uint64_t v_;                                                                       \
		asm volatile("mov %%cr" #n ", %0" : "=r"(v_));                                     \
		v_;                                                                                \
	})
#define write_cr(n, v) asm volatile("mov %0, %%cr" #n ::"r"((uint64_t)(v)) : "memory")

static inline uint64_t read_rflags(void)
{
	uint64_t v;
	asm volatile("pushfq; popq %0" : "=r"(v));
	return v;
}

/* cpu.c calls this before kernel_main(). */
void console_init(void);

#endif
#endif
