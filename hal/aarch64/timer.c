/*
 * timer.c - aarch64 time: the generic timer. CNTPCT_EL0 counts at
 * CNTFRQ_EL0 (62.5 MHz on QEMU virt); deadlines go into the EL1 physical
 * timer (CNTP_CVAL_EL0), whose interrupt is PPI 14 (INTID 30) on the GIC.
 * DAIF.I keeps it away from the kernel: it is taken in user mode only.
 */
#include "hal.h"
#include "aarch64.h"

#define CTL_ENABLE (1UL << 0)

static uint64_t freq;

void hal_timer_init(void)
{
	freq = sysreg_read(cntfrq_el0);
	hal_timer_ack();
	hal_irq_init();
	hal_irq_enable(TIMER_IRQ);
}

uint64_t hal_time(void)
{
	asm volatile("isb"); /* do not read the counter ahead of earlier code */
	return sysreg_read(cntpct_el0);
}

uint64_t hal_time_freq(void)
{
	return freq;
}

void hal_timer_set(uint64_t deadline)
{
	sysreg_write(cntp_cval_el0, deadline);
	sysreg_write(cntp_ctl_el0, CTL_ENABLE);
	asm volatile("isb");
}

/* One-shot: switch the timer off, which drops its interrupt line. */
void hal_timer_ack(void)
{
	sysreg_write(cntp_ctl_el0, 0);
	asm volatile("isb");
}
