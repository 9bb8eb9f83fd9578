/*
 * console.c - aarch64 console: the PL011 UART at physical 0x09000000,
 * through the direct map. Output is polled; input is polled too, or from
 * chapter 9 signals an interrupt (hal_console_irq).
 *
 * The PL011 has two receive interrupts: RX, raised when the receive FIFO
 * fills to its trigger level and dropped when reading takes it below, and
 * RT (timeout), raised when a byte has waited in the FIFO for a while and
 * dropped when the FIFO is empty. QEMU's PL011 (7.2) raises RX when the
 * FIFO goes from empty to one byte, drops it when it is read empty, and
 * never raises RT. Writing ICR drops either at once, bytes waiting or not.
 */
#include "hal.h"
#include "aarch64.h"

#define UART_PA 0x09000000UL
#define UART_DR 0x00	     /* data register */
#define UART_FR 0x18	     /* flag register */
#define UART_LCRH 0x2c	     /* line control */
#define UART_CR 0x30	     /* control register */
#define UART_IMSC 0x38	     /* interrupt mask: 1 = enabled */
#define UART_ICR 0x44	     /* interrupt clear */
#define FR_RXFE (1 << 4)     /* receive FIFO empty */
#define FR_TXFF (1 << 5)     /* transmit FIFO full */
#define LCRH_FEN (1 << 4)    /* FIFOs on */
#define LCRH_WLEN_8 (3 << 5) /* 8 data bits */
#define CR_UARTEN (1 << 0)
#define CR_TXE (1 << 8)
#define CR_RXE (1 << 9)
#define INT_RX (1 << 4) /* receive (FIFO at its trigger level) */
#define INT_RT (1 << 6) /* receive timeout */
#define UART_IRQ 33	/* SPI 1, when the DTB does not say */

static volatile uint32_t *reg(int off)
{
	return (volatile uint32_t *)((char *)hal_phys_to_virt(UART_PA) + off);
}

/* 8N1 with FIFOs; QEMU ignores the baud rate, so we leave it alone. */
void console_init(void)
{
	*reg(UART_CR) = 0;
	*reg(UART_LCRH) = LCRH_FEN | LCRH_WLEN_8;
	*reg(UART_CR) = CR_UARTEN | CR_TXE | CR_RXE;
}

void hal_console_putc(char c)
{
	if (c == '\n')
		hal_console_putc('\r');
	while (*reg(UART_FR) & FR_TXFF)
		;
	*reg(UART_DR) = (uint8_t)c;
}

/* With the FIFO found empty, the receive interrupts are cleared and the
   FIFO looked at once more: a byte that came in meanwhile (its RX maybe
   cleared) is returned now, and reading the FIFO empty drops RX again. So
   when this returns -1 the UART's interrupt is down, a stale RX included
   (left by bytes that console_init()'s FIFO reset threw away), and the
   next byte raises it. */
int hal_console_getc(void)
{
	if (*reg(UART_FR) & FR_RXFE) {
		*reg(UART_ICR) = INT_RX | INT_RT;
		if (*reg(UART_FR) & FR_RXFE)
			return -1;
	}
	return *reg(UART_DR) & 0xff;
}

/* Not clearing RX in ICR here: with bytes already waiting, QEMU would not
   raise it again until the FIFO had been read empty, and nobody would
   read. A stale RX costs one call of the handler, whose
   hal_console_getc() returns -1 and clears it. */
int hal_console_irq(void)
{
	*reg(UART_ICR) = INT_RT;
	*reg(UART_IMSC) = INT_RX | INT_RT;
	int len;
	const void *irq = dtb_compat_prop("arm,pl011", "interrupts", &len);
	int line = gic_dt_line(irq, len);
	return line >= 0 ? line : UART_IRQ;
}
