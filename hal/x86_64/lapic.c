/*
 * lapic.c - x86_64 local APIC of this CPU (the xAPIC: QEMU's TCG has no
 * x2APIC), through its MMIO page (uncached in the direct map). It delivers
 * the timer (timer.c) and the vectors the IOAPIC (ioapic.c) sends; every
 * interrupt but a spurious one needs an EOI here. The 8259 PICs stay
 * masked (boot.S).
 */
#include "hal.h"
#include "x86.h"

#define LAPIC_ID 0x020	/* bits 24..31: this CPU's APIC id */
#define LAPIC_TPR 0x080 /* task priority: 0 lets every vector in */
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0 /* spurious vector; bit 8 enables the APIC */
#define SVR_ENABLE 0x100
#define APIC_BASE_ENABLE 0x800 /* MSR_APIC_BASE: globally enabled */

static volatile uint32_t *lapic;

void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = hal_phys_to_virt(base & 0xffffff000UL); /* 0xfee00000 on QEMU */
	lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(LAPIC_TPR, 0);
}

uint32_t lapic_read(uint32_t reg)
{
	return lapic[reg / 4];
}

void lapic_write(uint32_t reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

/* The APIC id the IOAPIC uses to send interrupts to this CPU. */
int lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

/* End of interrupt: the LAPIC clears the highest vector in service and may
   deliver the next one of that priority. For a level-triggered vector it
   also tells the IOAPIC, which then delivers the line again if it is still
   asserted. */
void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}
