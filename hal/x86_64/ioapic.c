/*
 * ioapic.c - x86_64 device interrupt lines: the IOAPIC (q35 has one, with
 * 24 inputs, at 0xfec00000 as the ACPI MADT says). A line is an IOAPIC
 * input; input n sends vector VEC_IRQ_BASE + n to the boot CPU's LAPIC,
 * and trap.c turns that vector back into line n.
 *
 * Inputs 0..15 are the ISA IRQs: edge-triggered, active-high, unless the
 * MADT overrides one. Inputs 16..23 are the chipset's PCI interrupts
 * PIRQA..H (bus.c): level-triggered, and active-high as QEMU's ACPI
 * tables describe them (real PCI lines are active-low).
 *
 * hal_irq_eoi() is the LAPIC's EOI. For a level-triggered line the LAPIC
 * passes it on to the IOAPIC, which holds the line back from the moment it
 * delivers it until then (its "remote IRR"), and delivers it again only if
 * a device still asserts it: the kernel's handlers quiet their devices
 * first.
 */
#include "hal.h"
#include "x86.h"

#define IOREGSEL 0x00	   /* byte offsets: select a register, then */
#define IOWIN 0x10	   /* read or write it here */
#define IOAPIC_VER 0x01	   /* bits 16..23: number of inputs - 1 */
#define IOAPIC_REDTBL 0x10 /* input n: low word 0x10 + 2n, high word + 1 */
#define RED_ACTIVE_LOW 0x2000
#define RED_LEVEL 0x8000
#define RED_MASKED 0x10000
/* Delivery mode 0 (fixed) and physical destination mode (bit 11 clear):
   the high word holds the destination APIC id in bits 24..31. */

static volatile uint32_t *ioapic;
static int nlines;
static uint32_t mode[IOAPIC_MAX_LINES]; /* RED_LEVEL and RED_ACTIVE_LOW of each input */

static uint32_t ioapic_read(int reg)
{
	ioapic[IOREGSEL / 4] = reg;
	return ioapic[IOWIN / 4];
}

static void ioapic_write(int reg, uint32_t v)
{
	ioapic[IOREGSEL / 4] = reg;
	ioapic[IOWIN / 4] = v;
}

void hal_irq_init(void)
{
	uint64_t gsi_base;
	uint64_t pa = acpi_ioapic(&gsi_base);
	ioapic = hal_ioremap(pa, 0x20);
	if (ioapic == NULL)
		panic_at(__FILE__, __LINE__, "ioapic: cannot map 0x%lx", pa);
	nlines = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	if (nlines > IOAPIC_MAX_LINES)
		nlines = IOAPIC_MAX_LINES;
	for (int n = 0; n < nlines; n++)
		mode[n] = n < 16 ? 0 : RED_LEVEL;
	for (int irq = 0; irq < 16; irq++) {
		struct isa_route r = acpi_isa_route(irq);
		int n = r.gsi - (int)gsi_base;
		if (n >= 0 && n < nlines)
			mode[n] = (r.level ? RED_LEVEL : 0) | (r.active_low ? RED_ACTIVE_LOW : 0);
	}
	for (int n = 0; n < nlines; n++) {
		ioapic_write(IOAPIC_REDTBL + 2 * n + 1, 0);
		ioapic_write(IOAPIC_REDTBL + 2 * n, RED_MASKED | mode[n] | (VEC_IRQ_BASE + n));
	}
}

void hal_irq_enable(int irq)
{
	if (irq < 0 || irq >= nlines)
		return;
	ioapic_write(IOAPIC_REDTBL + 2 * irq + 1, (uint32_t)lapic_id() << 24);
	ioapic_write(IOAPIC_REDTBL + 2 * irq, mode[irq] | (VEC_IRQ_BASE + irq));
}

void hal_irq_disable(int irq)
{
	if (irq < 0 || irq >= nlines)
		return;
	ioapic_write(IOAPIC_REDTBL + 2 * irq, RED_MASKED | mode[irq] | (VEC_IRQ_BASE + irq));
}

/* The vector of `irq` is the highest one in service: the kernel takes
   device interrupts one at a time, with interrupts off. */
void hal_irq_eoi(int irq)
{
	(void)irq;
	lapic_eoi();
}
