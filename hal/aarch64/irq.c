/*
 * irq.c - aarch64 interrupt controller: a minimal GICv2 (QEMU virt:
 * distributor at 0x08000000, CPU interface at 0x08010000), reached through
 * the direct map. Every line gets one priority; all go to CPU 0 as IRQs.
 */
#include "hal.h"
#include "aarch64.h"

#define GICD_PA 0x08000000UL
#define GICC_PA 0x08010000UL

#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100  /* one bit per line, 32 lines a word */
#define GICD_IPRIORITYR 0x400 /* one byte per line */
#define GICD_ITARGETSR 0x800  /* one byte per line: CPU mask */
#define GICC_CTLR 0x00
#define GICC_PMR 0x04 /* priority mask: lines below it get through */
#define GICC_BPR 0x08
#define GICC_IAR 0x0c	/* read: acknowledge the pending line */
#define GICC_EOIR 0x10	/* write: done with it */
#define CTLR_ENABLE 0x3 /* groups 0 and 1 */
#define PRIORITY 0xa0
#define IAR_ID(v) ((v)&0x3ff)
#define FIRST_SPURIOUS 1020
#define FIRST_SPI 32
#define UART_IRQ 33 /* PL011: SPI 1 */

static int held = -1; /* acknowledged by trap.c, not yet claimed */

static volatile uint32_t *gicd(uint64_t off)
{
	return (volatile uint32_t *)((char *)hal_phys_to_virt(GICD_PA) + off);
}

static volatile uint32_t *gicc(uint64_t off)
{
	return (volatile uint32_t *)((char *)hal_phys_to_virt(GICC_PA) + off);
}

void hal_irq_init(void)
{
	*gicd(GICD_CTLR) = CTLR_ENABLE;
	*gicc(GICC_PMR) = 0xff;
	*gicc(GICC_BPR) = 0;
	*gicc(GICC_CTLR) = CTLR_ENABLE;
}

void hal_irq_enable(int irq)
{
	volatile uint8_t *prio = (volatile uint8_t *)gicd(GICD_IPRIORITYR);
	volatile uint8_t *target = (volatile uint8_t *)gicd(GICD_ITARGETSR);
	prio[irq] = PRIORITY;
	if (irq >= FIRST_SPI)
		target[irq] = 1; /* CPU 0; SGI and PPI targets are fixed */
	*gicd(GICD_ISENABLER + 4 * (irq / 32)) = 1U << (irq % 32);
}

int hal_irq_claim(void)
{
	int irq = held;
	if (irq >= 0) {
		held = -1;
		return irq;
	}
	irq = IAR_ID(*gicc(GICC_IAR));
	return irq >= FIRST_SPURIOUS ? -1 : irq;
}

void hal_irq_complete(int irq)
{
	*gicc(GICC_EOIR) = irq;
}

void irq_hold(int irq)
{
	held = irq;
}

int hal_irq_uart(void)
{
	return UART_IRQ;
}
