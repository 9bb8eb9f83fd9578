/*
 * plic.c - riscv64 interrupt controller: the platform-level interrupt
 * controller (PLIC) of QEMU's virt machine.
 *
 * Devices raise sources 1..N (the UART is 10, virtio-mmio slots 1..8, PCI
 * INTA-D 32..35). The PLIC has one "context" per hart and privilege mode;
 * the supervisor context of hart h is 2h + 1. Per source: a priority
 * (0 = never); per context: an enable bit per source, a threshold
 * (sources of priority above it get through), and a claim/complete
 * register. When an enabled source is pending the PLIC raises the hart's
 * supervisor external interrupt (scause 9); reading claim returns the
 * source (0: none, a spurious interrupt) and holds it until the same
 * number is written back to complete: a level-triggered device that is
 * still asserted then interrupts again. The base comes from the device
 * tree ("riscv,plic0"), QEMU's 0x0c000000 otherwise.
 */
#include "hal.h"
#include "riscv.h"
#include "dtb.h"

#define PLIC_DEFAULT_PA 0x0c000000UL
#define PLIC_SIZE 0x4000000UL
#define PRIORITY(src) (4 * (src))
#define ENABLE(ctx, src) (0x2000 + 0x80 * (ctx) + 4 * ((src) / 32))
#define THRESHOLD(ctx) (0x200000 + 0x1000 * (ctx))
#define CLAIM(ctx) (0x200004 + 0x1000 * (ctx))
#define MAX_SOURCE 1023
#define SIE_SEIE (1UL << 9) /* supervisor external interrupts */

static volatile uint8_t *plic;
static int ctx; /* supervisor context of the boot hart */

static volatile uint32_t *reg(uint64_t off)
{
	return (volatile uint32_t *)(plic + off);
}

void hal_irq_init(void)
{
	uint64_t pa = PLIC_DEFAULT_PA;
	int len;
	const void *r = dtb_compat_prop("riscv,plic0", "reg", &len);
	if (r != NULL && len >= 16)
		pa = dtb_read_cells(r, 2);
	plic = hal_ioremap(pa, PLIC_SIZE);
	ctx = 2 * (int)boot_hartid + 1;
	for (int src = 1; src <= MAX_SOURCE; src++)
		*reg(PRIORITY(src)) = 0;
	for (int w = 0; w <= MAX_SOURCE / 32; w++)
		*reg(ENABLE(ctx, 32 * w)) = 0;
	*reg(THRESHOLD(ctx)) = 0;
	csr_set(sie, SIE_SEIE);
}

void hal_irq_enable(int irq)
{
	if (plic == NULL || irq < 1 || irq > MAX_SOURCE)
		return;
	*reg(PRIORITY(irq)) = 1;
	*reg(ENABLE(ctx, irq)) |= 1U << (irq % 32);
}

void hal_irq_disable(int irq)
{
	if (plic == NULL || irq < 1 || irq > MAX_SOURCE)
		return;
	*reg(ENABLE(ctx, irq)) &= ~(1U << (irq % 32));
}

/* The pending source with the highest priority, now claimed; -1 if none. */
int plic_claim(void)
{
	if (plic == NULL) /* before hal_irq_init: no line is on */
		return -1;
	uint32_t src = *reg(CLAIM(ctx));
	return src != 0 ? (int)src : -1;
}

void hal_irq_eoi(int irq)
{
	if (plic != NULL)
		*reg(CLAIM(ctx)) = (uint32_t)irq;
}
