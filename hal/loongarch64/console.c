/*
 * console.c - loongarch64 console: the 16550 UART at physical 0x1fe001e0,
 * polled, through the uncached window. QEMU's UART needs no setup.
 */
#include "hal.h"
#include "loongarch.h"

#define UART_PA 0x1fe001e0UL
#define UART_THR 0 /* transmit holding register (write) */
#define UART_RBR 0 /* receive buffer register (read) */
#define UART_LSR 5 /* line status register */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

void hal_console_putc(char c)
{
	if (c == '\n')
		hal_console_putc('\r');
	while ((mmio_read8(UART_PA + UART_LSR) & LSR_THR_EMPTY) == 0)
		;
	mmio_write8(UART_PA + UART_THR, c);
}

int hal_console_getc(void)
{
	if ((mmio_read8(UART_PA + UART_LSR) & LSR_DATA_READY) == 0)
		return -1;
	return mmio_read8(UART_PA + UART_RBR);
}
