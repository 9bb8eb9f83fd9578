/*
 * gdt.c - x86_64 segments: the GDT with user segments and the TSS.
 *
 * Long mode ignores segment bases and limits, but a ring change still
 * needs descriptors: kernel and user code/data (in the order `syscall`
 * and `sysretq` derive them from MSR_STAR, see trap.c) and a TSS, whose
 * RSP0 is the stack the CPU switches to on a trap from ring 3.
 */
#include "hal.h"
#include "x86.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp0; /* stack for traps from ring 3 */
	uint64_t rsp1, rsp2;
	uint64_t reserved1;
	uint64_t ist[7]; /* stacks an IDT entry can ask for (trap.c: IST_DOUBLE_FAULT) */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap; /* I/O permission bitmap offset: past the end = no port for ring 3 */
} __attribute__((packed));

static struct tss tss;
static uint8_t double_fault_stack[4096] __attribute__((aligned(16)));

/* Descriptor flags: present, DPL, code/data, and for code the L (64-bit) bit. */
#define SEG_KCODE 0x00af9a000000ffff
#define SEG_KDATA 0x00cf92000000ffff
#define SEG_UDATA 0x00cff2000000ffff /* DPL 3 */
#define SEG_UCODE 0x00affa000000ffff /* DPL 3, L */
#define SEG_TSS 0x0000890000000000   /* present, available 64-bit TSS */

static uint64_t gdt[7] __attribute__((aligned(16)));

void gdt_init(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;
	tss.iomap = sizeof(tss);
	tss.ist[0] = (uint64_t)double_fault_stack + sizeof(double_fault_stack);

	gdt[KCODE_SEL / 8] = SEG_KCODE;
	gdt[KDATA_SEL / 8] = SEG_KDATA;
	gdt[UDATA_SEL / 8] = SEG_UDATA;
	gdt[UCODE_SEL / 8] = SEG_UCODE;
	/* a 64-bit TSS descriptor takes two slots; the base is scattered */
	gdt[TSS_SEL / 8] = SEG_TSS | limit | (base & 0xffffff) << 16 | (base >> 24 & 0xff) << 56;
	gdt[TSS_SEL / 8 + 1] = base >> 32;

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) gdtr = {sizeof(gdt) - 1, (uint64_t)gdt};
	/* same kernel selectors as boot.S's GDT: cs, ss and ds stay valid */
	asm volatile("lgdt %0" ::"m"(gdtr));
	asm volatile("ltr %w0" ::"r"(TSS_SEL));
}

void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp0 = rsp0;
}
