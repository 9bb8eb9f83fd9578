/*
 * pch_pic.c - the interrupt controller of the LS7A bridge (PCH-PIC) at
 * physical 0x10000000, and the hal's interrupt lines over it. A line is
 * a PCH-PIC input, 0..63: on QEMU's virt board the UART is input 2, the
 * RTC 3, PCI INTA-D 16-19. The PCH-PIC does not interrupt the CPU: a
 * raised, unmasked input sends its vector to the EIOINTC (eiointc.c).
 *
 * Registers, one bit per input in two 32-bit halves (low, then high
 * at +4), unless said:
 *   0x020 INT_MASK   1 = masked; all masked at reset
 *   0x060 INT_EDGE   1 = edge triggered, 0 = level
 *   0x080 INT_CLEAR  write 1: an edge input's interrupt is over
 *   0x200 HTMSI_VEC  64 bytes, one per input: its EIOINTC vector
 *                    (byte accesses; QEMU resets them all to 0)
 *   0x3a0 INT_STATUS inputs being sent to the EIOINTC
 *   0x3e0 INT_POL    0 = active high
 * QEMU connects the PCH-PIC's 64 outputs to EIOINTC vectors 0-63, and
 * HTMSI_VEC picks the output, so we send input n to vector n: the
 * vector an interrupt arrives on is its line.
 *
 * Claim and end of interrupt: the EIOINTC claim (trap.c) finds the line;
 * a level input is then masked while the kernel handles it and unmasked
 * by hal_irq_eoi(): if the device still holds its line, unmasking sends
 * it again. An edge input is not masked; hal_irq_eoi() clears it with
 * INT_CLEAR. Every device of QEMU's virt board (UART, RTC, PCI INTx) is
 * level triggered.
 */
#include "hal.h"
#include "loongarch.h"

#define PCH_PIC 0x10000000UL
#define INT_MASK 0x020
#define INT_EDGE 0x060
#define INT_CLEAR 0x080
#define HTMSI_VEC 0x200
#define INT_POL 0x3e0
#define NINPUTS 64

#define EDGE_INPUTS 0ULL /* none on QEMU's virt board */

static uint64_t enabled; /* lines the kernel has enabled */

static uint64_t read64(int reg)
{
	return mmio_read32(PCH_PIC + reg) | (uint64_t)mmio_read32(PCH_PIC + reg + 4) << 32;
}

static void write64(int reg, uint64_t v)
{
	mmio_write32(PCH_PIC + reg, (uint32_t)v);
	mmio_write32(PCH_PIC + reg + 4, (uint32_t)(v >> 32));
}

static void mask(int irq)
{
	write64(INT_MASK, read64(INT_MASK) | 1ULL << irq);
}

static void unmask(int irq)
{
	write64(INT_MASK, read64(INT_MASK) & ~(1ULL << irq));
}

void hal_irq_init(void)
{
	write64(INT_MASK, ~0ULL);
	write64(INT_EDGE, EDGE_INPUTS);
	write64(INT_POL, 0);
	write64(INT_CLEAR, ~0ULL);
	for (int n = 0; n < NINPUTS; n++)
		mmio_write8(PCH_PIC + HTMSI_VEC + n, (uint8_t)n);
	eiointc_init();
}

void hal_irq_enable(int irq)
{
	if (irq < 0 || irq >= NINPUTS)
		return;
	enabled |= 1ULL << irq;
	eiointc_enable(irq);
	unmask(irq);
}

void hal_irq_disable(int irq)
{
	if (irq < 0 || irq >= NINPUTS)
		return;
	enabled &= ~(1ULL << irq);
	mask(irq);
	eiointc_disable(irq);
}

/* The line of the device interrupt pending on this CPU, claimed; -1 if
   none (spurious). A level line stays masked until hal_irq_eoi(). */
int irq_claim(void)
{
	int irq = eiointc_claim();
	if (irq < 0 || irq >= NINPUTS)
		return -1; /* not a PCH-PIC vector: we enable no other */
	if (!(EDGE_INPUTS & 1ULL << irq))
		mask(irq);
	return irq;
}

void hal_irq_eoi(int irq)
{
	if (irq < 0 || irq >= NINPUTS)
		return;
	if (EDGE_INPUTS & 1ULL << irq)
		write64(INT_CLEAR, 1ULL << irq);
	else if (enabled & 1ULL << irq)
		unmask(irq);
}
