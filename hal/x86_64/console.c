/*
 * console.c - x86_64 console: the 16550 UART COM1 at I/O port 0x3f8,
 * polled. console_init() sets 115200 baud, 8N1, FIFOs on.
 */
#include "hal.h"
#include "x86.h"

#define COM1 0x3f8
#define UART_THR 0 /* transmit holding register (write) */
#define UART_RBR 0 /* receive buffer register (read) */
#define UART_DLL 0 /* divisor latch low (when LCR_DLAB) */
#define UART_IER 1 /* interrupt enable */
#define UART_DLM 1 /* divisor latch high (when LCR_DLAB) */
#define UART_FCR 2 /* FIFO control */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_FIFO 0x07	      /* enable and clear both FIFOs */
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 lets the UART's interrupt reach the PIC/IOAPIC */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

void console_init(void)
{
	outb(COM1 + UART_IER, 0); /* no interrupts (yet) */
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, 1); /* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_FIFO);
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

void hal_console_putc(char c)
{
	if (c == '\n')
		hal_console_putc('\r');
	while ((inb(COM1 + UART_LSR) & LSR_THR_EMPTY) == 0)
		;
	outb(COM1 + UART_THR, c);
}

int hal_console_getc(void)
{
	if ((inb(COM1 + UART_LSR) & LSR_DATA_READY) == 0)
		return -1;
	return inb(COM1 + UART_RBR);
}
