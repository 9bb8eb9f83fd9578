/*
 * console.c - riscv64 console: the 16550 UART at physical 0x10000000
 * (OpenSBI has already set its baud rate), polled, through the direct map.
 */
#include "hal.h"
#include "riscv.h"

#define UART_PA 0x10000000UL
#define UART_THR 0 /* transmit holding register (write) */
#define UART_RBR 0 /* receive buffer register (read) */
#define UART_LSR 5 /* line status register */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

static volatile uint8_t *uart(void)
{
	return hal_phys_to_virt(UART_PA);
}

void hal_console_putc(char c)
{
	if (c == '\n')
		hal_console_putc('\r');
	while ((uart()[UART_LSR] & LSR_THR_EMPTY) == 0)
		;
	uart()[UART_THR] = c;
}

int hal_console_getc(void)
{
	if ((uart()[UART_LSR] & LSR_DATA_READY) == 0)
		return -1;
	return uart()[UART_RBR];
}
