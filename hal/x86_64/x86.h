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
#define KERNEL_BASE 0xffffffff80000000
#define DIRECT_MAP 0xffff800000000000
#define DIRECT_MAP_SIZE 0x100000000 /* 4 GiB, set by the boot page tables */

/* GDT selectors. boot.S's GDT has the first two; gdt.c adds the rest in
   the order syscall/sysret need (see STAR in trap.c). */
#define KCODE_SEL 0x08
#define KDATA_SEL 0x10
#define UDATA_SEL 0x1b /* 0x18 | ring 3 */
#define UCODE_SEL 0x23 /* 0x20 | ring 3 */
#define TSS_SEL 0x28

/* Control registers. */
#define CR0_PE 0x00000001  /* protected mode */
#define CR0_MP 0x00000002  /* wait/fwait honour TS */
#define CR0_EM 0x00000004  /* no x87: x87 instructions raise #NM */
#define CR0_TS 0x00000008  /* task switched: FPU use raises #NM */
#define CR0_WP 0x00010000  /* the kernel honours read-only pages */
#define CR0_AM 0x00040000  /* RFLAGS.AC turns on alignment checks in ring 3 */
#define CR0_PG 0x80000000  /* paging */
#define CR4_PAE 0x00000020 /* physical address extension (needed by long mode) */

/* Model-specific registers. */
#define MSR_APIC_BASE 0x0000001b
#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081   /* syscall/sysret selectors */
#define MSR_LSTAR 0xc0000082  /* syscall entry point */
#define MSR_SFMASK 0xc0000084 /* RFLAGS bits syscall clears */
#define MSR_FS_BASE 0xc0000100
#define EFER_SCE 0x001 /* syscall/sysret */
#define EFER_LME 0x100 /* long mode enable */
#define EFER_NXE 0x800 /* no-execute bit in page tables */

/* Page table entry bits. */
#define PTE_P 0x001		  /* present */
#define PTE_W 0x002		  /* writable */
#define PTE_U 0x004		  /* user */
#define PTE_PWT 0x008		  /* write-through */
#define PTE_PCD 0x010		  /* cache disable */
#define PTE_PS 0x080		  /* 2 MiB page (in a page directory entry) */
#define PTE_NX 0x8000000000000000 /* no execute (needs EFER_NXE) */

/* RFLAGS. */
#define RFLAGS_FIXED 0x000002 /* bit 1 always reads 1 */
#define RFLAGS_TF 0x000100    /* single step */
#define RFLAGS_IF 0x000200    /* interrupts enabled */
#define RFLAGS_DF 0x000400    /* string instructions go down */
#define RFLAGS_NT 0x004000    /* nested task (iretq faults if set) */
#define RFLAGS_RF 0x010000    /* resume: no instruction breakpoint */
#define RFLAGS_AC 0x040000    /* alignment check */
/* The flags user code may own: CF PF AF ZF SF TF DF OF AC ID. */
#define RFLAGS_USER 0x240dd5

/* Interrupt vectors we program (0-31 are the CPU's exceptions). */
#define VEC_PF 14	    /* page fault */
#define VEC_TIMER 32	    /* LAPIC timer */
#define VEC_IRQ_BASE 48	    /* IOAPIC input n: vector 48 + n (ioapic.c) */
#define IOAPIC_MAX_LINES 64 /* at most this many inputs: vectors 48..111 */
#define VEC_SPURIOUS 255    /* LAPIC spurious interrupt */
#define VEC_SYSCALL 256	    /* not a vector: what trap.S records for `syscall` */

/*
 * Trap frame layout (struct trapframe in hal.h):
 *   reg[0..15]   the general registers in instruction-encoding order
 *   reg[17..23]  vector, error code, rip, cs, rflags, rsp, ss: TSS.RSP0
 *                points at reg[24], so on a trap from ring 3 the CPU pushes
 *                ss..rip (and the error code, if the vector has one)
 *                straight into the frame; trap.S's stub pushes the rest
 *   pc, status   rip and rflags; trap.S copies them and the user rsp
 *                (reg[4]) from and to the CPU's frame in reg[19..22]
 *   tp           the FS base; kscratch[0] the kernel rsp in user_enter()
 * Indices, then byte offsets for trap.S.
 */
#define REG_RAX 0
#define REG_RCX 1
#define REG_RDX 2
#define REG_RBX 3
#define REG_RSP 4
#define REG_RBP 5
#define REG_RSI 6
#define REG_RDI 7
#define REG_R8 8
#define REG_R9 9
#define REG_R10 10
#define REG_R11 11
#define REG_R12 12
#define REG_R13 13
#define REG_R14 14
#define REG_R15 15
#define REG_VEC 17 /* vector number, or VEC_SYSCALL */
#define REG_ERR 18 /* error code (0 if the vector has none) */
#define REG_RIP 19 /* the CPU's interrupt frame: rip, cs, rflags, rsp, ss */
#define REG_CS 20
#define REG_RFLAGS 21
#define REG_USP 22
#define REG_SS 23
#define REG_END 24 /* TSS.RSP0 = &tf->reg[REG_END] */
#define TF_PC (32 * 8)
#define TF_STATUS (33 * 8)
#define TF_KSP (35 * 8) /* kscratch[0]: kernel rsp inside user_enter() */

/* Where q35's IOAPIC is when no ACPI table says otherwise. */
#define IOAPIC_DEFAULT_PA 0xfec00000

/* I/O ports. */
#define PIC1_DATA 0x21 /* 8259 interrupt masks */
#define PIC2_DATA 0xa1

#ifndef __ASSEMBLY__
#include <stdbool.h>
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

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* cpu.c calls this before kernel_main(). */
void console_init(void);

/* gdt.c: load the full GDT and the TSS; set where ring-3 traps push. */
void gdt_init(void);
void tss_set_rsp0(uint64_t rsp0);

/* lapic.c: the local APIC. */
void lapic_init(void);
uint32_t lapic_read(uint32_t reg);
void lapic_write(uint32_t reg, uint32_t v);
int lapic_id(void);
void lapic_eoi(void);

/* acpi.c: what the MADT says about the IOAPIC and the ISA IRQs. */
struct isa_route {
	int gsi;	 /* the global interrupt number it arrives on */
	bool level;	 /* level-triggered (else edge) */
	bool active_low; /* asserted low (else high) */
};
uint64_t acpi_ioapic(uint64_t *gsi_base);
struct isa_route acpi_isa_route(int irq);

/* timer.c: a timer interrupt came; false if it came before the deadline
   (then it is re-armed for the rest). */
bool timer_expired(void);

#endif
#endif
