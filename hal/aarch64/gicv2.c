/*
 * gicv2.c - aarch64 interrupt controller: the ARM GICv2 of QEMU's virt
 * machine (the default, gic-version=2).
 *
 * A GICv2 has two parts. The distributor (GICD), shared by all CPUs, holds
 * one enable bit, one priority byte, one target byte (a CPU mask) and one
 * trigger bit (level or edge) per line, and forwards the most urgent
 * pending, enabled line to each CPU. The CPU interface (GICC), one per CPU
 * at the same address, raises the CPU's IRQ; reading its IAR claims the
 * interrupt (pending -> active, the line's number comes back, 1020-1023
 * meaning "nothing": spurious) and writing that number to EOIR completes
 * it (active -> inactive). A line stays active, and does not fire again,
 * between the two.
 *
 * Lines are "interrupt IDs" (INTIDs): 0-15 are SGIs (software-generated,
 * CPU to CPU, unused here), 16-31 PPIs (private to one CPU: the timer is
 * PPI 14 = INTID 30), 32-1019 SPIs (shared devices: SPI n = INTID 32 + n;
 * a device tree writes <0 n flags> for SPI n and <1 n flags> for PPI n).
 *
 * Every device line here is level-triggered: the GIC sees it pending for
 * as long as the device holds it up. A handler quiets its device before
 * the kernel calls hal_irq_eoi(), so the line is down when it becomes
 * inactive and it does not fire again.
 */
#include "hal.h"
#include "aarch64.h"

/* QEMU virt's addresses, used when the DTB does not say. */
#define GICD_PA_DEFAULT 0x08000000UL
#define GICC_PA_DEFAULT 0x08010000UL
#define GIC_REG_SIZE 0x10000UL

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004      /* bits 4:0: (number of lines / 32) - 1 */
#define GICD_ISENABLER 0x100  /* write 1: enable; one bit per line */
#define GICD_ICENABLER 0x180  /* write 1: disable */
#define GICD_ICPENDR 0x280    /* write 1: clear pending */
#define GICD_IPRIORITYR 0x400 /* one byte per line, lower is more urgent */
#define GICD_ITARGETSR 0x800  /* one byte per line: a CPU mask */
#define GICD_ICFGR 0xc00      /* two bits per line; bit 1 set: edge */
#define GICC_CTLR 0x00
#define GICC_PMR 0x04 /* priority mask: lines more urgent than it get through */
#define GICC_BPR 0x08
#define GICC_IAR 0x0c  /* read: claim the most urgent pending line */
#define GICC_EOIR 0x10 /* write: done with it */
#define CTLR_ENABLE 0x1
#define PRIORITY 0xa0
#define IAR_ID(v) ((v)&0x3ff) /* bits 12:10 name the sender of an SGI */
#define FIRST_PPI 16
#define FIRST_SPI 32
#define FIRST_SPURIOUS 1020

/* Through the direct map; found by hal_irq_init(), QEMU's until then. */
static volatile uint8_t *gicd_base = NULL;
static volatile uint8_t *gicc_base = NULL;

static volatile uint32_t *gicd(uint64_t off)
{
	if (gicd_base == NULL)
		gicd_base = hal_phys_to_virt(GICD_PA_DEFAULT);
	return (volatile uint32_t *)(gicd_base + off);
}

static volatile uint32_t *gicc(uint64_t off)
{
	if (gicc_base == NULL)
		gicc_base = hal_phys_to_virt(GICC_PA_DEFAULT);
	return (volatile uint32_t *)(gicc_base + off);
}

/* The GIC node's "reg": the distributor, then the CPU interface (two
   address and two size cells each, as under QEMU virt's root). An address
   hal_ioremap() cannot reach leaves QEMU's default (NULL here). */
static void find_gic(void)
{
	uint64_t dist = GICD_PA_DEFAULT, cpu = GICC_PA_DEFAULT;
	int len;
	const uint8_t *reg = dtb_compat_prop("arm,cortex-a15-gic", "reg", &len);
	if (reg != NULL && len >= 32) {
		dist = dtb_read_cells(reg, 2);
		cpu = dtb_read_cells(reg + 16, 2);
	}
	gicd_base = hal_ioremap(dist, GIC_REG_SIZE);
	gicc_base = hal_ioremap(cpu, GIC_REG_SIZE);
}

/* Every SPI masked, level-triggered, of one priority and sent to CPU 0;
   the distributor and this CPU's interface on. The SGIs and PPIs (the
   timer's line) keep their enable bits, so calling this again after
   hal_timer_init() is harmless. */
void hal_irq_init(void)
{
	find_gic();
	int lines = 32 * ((*gicd(GICD_TYPER) & 0x1f) + 1);
	if (lines > FIRST_SPURIOUS)
		lines = FIRST_SPURIOUS;
	volatile uint8_t *prio = (volatile uint8_t *)gicd(GICD_IPRIORITYR);
	volatile uint8_t *target = (volatile uint8_t *)gicd(GICD_ITARGETSR);

	*gicd(GICD_CTLR) = 0;
	for (int irq = FIRST_SPI; irq < lines; irq += 32) {
		*gicd(GICD_ICENABLER + irq / 8) = 0xffffffff;
		*gicd(GICD_ICPENDR + irq / 8) = 0xffffffff;
	}
	for (int irq = FIRST_SPI; irq < lines; irq += 16)
		*gicd(GICD_ICFGR + irq / 4) = 0; /* 16 lines a word, all level */
	for (int irq = 0; irq < lines; irq++) {
		prio[irq] = PRIORITY;
		if (irq >= FIRST_SPI)
			target[irq] = 1; /* CPU 0; SGI and PPI targets are fixed */
	}
	*gicd(GICD_CTLR) = CTLR_ENABLE;

	*gicc(GICC_PMR) = 0xff;
	*gicc(GICC_BPR) = 0;
	*gicc(GICC_CTLR) = CTLR_ENABLE;
}

void hal_irq_enable(int irq)
{
	*gicd(GICD_ISENABLER + 4 * (irq / 32)) = 1U << (irq % 32);
}

/* A line that is already pending or active stays so; it just cannot be
   signalled again. */
void hal_irq_disable(int irq)
{
	*gicd(GICD_ICENABLER + 4 * (irq / 32)) = 1U << (irq % 32);
}

/* Claim the interrupt the CPU was signalled for: its line, or -1 if there
   is none (another CPU took it, or it went away: the GIC answers 1023). */
int gic_claim(void)
{
	int irq = IAR_ID(*gicc(GICC_IAR));
	return irq >= FIRST_SPURIOUS ? -1 : irq;
}

/* The barrier makes the handler's writes that quieted the device complete
   before the GIC looks at the line again. */
void hal_irq_eoi(int irq)
{
	asm volatile("dsb sy" ::: "memory");
	*gicc(GICC_EOIR) = (uint32_t)irq;
}

/* The INTID of a device-tree "interrupts" value <type number flags>; -1
   if it is not one. */
int gic_dt_line(const void *interrupts, int len)
{
	if (interrupts == NULL || len < 12)
		return -1;
	const uint8_t *p = interrupts;
	uint64_t type = dtb_read_cells(p, 1), n = dtb_read_cells(p + 4, 1);
	if (type == 0 && n < FIRST_SPURIOUS - FIRST_SPI)
		return FIRST_SPI + (int)n;
	if (type == 1 && n < FIRST_SPI - FIRST_PPI)
		return FIRST_PPI + (int)n;
	return -1;
}
