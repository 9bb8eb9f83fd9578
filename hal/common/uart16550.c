/*
 * uart16550.c - console output and input through a 16550 UART, polled:
 * hal_console_putc() waits until the transmitter takes a byte,
 * hal_console_getc() returns a received byte or -1. The registers are
 * reached through the arch's uart_read/uart_write (uart16550.h). From
 * chapter 9 the receive interrupt is on (uart16550_rx_irq_on); output
 * stays polled.
 */
#include "hal.h"
#include "uart16550.h"

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
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 lets the UART's interrupt out (x86: to the IOAPIC) */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define IER_RX 0x01 /* interrupt when received data is available */

void uart16550_init(void)
{
	uart_write(UART_IER, 0);
	uart_write(UART_LCR, LCR_DLAB);
	uart_write(UART_DLL, 1); /* 115200 / 1 */
	uart_write(UART_DLM, 0);
	uart_write(UART_LCR, LCR_8N1);
	uart_write(UART_FCR, FCR_FIFO);
	uart_write(UART_MCR, MCR_DTR_RTS_OUT2);
}

void uart16550_rx_irq_on(void)
{
	uart_write(UART_MCR, MCR_DTR_RTS_OUT2);
	uart_write(UART_IER, IER_RX);
}

void hal_console_putc(char c)
{
	if (c == '\n')
		hal_console_putc('\r');
	while ((uart_read(UART_LSR) & LSR_THR_EMPTY) == 0)
		;
	uart_write(UART_THR, (uint8_t)c);
}

int hal_console_getc(void)
{
	if ((uart_read(UART_LSR) & LSR_DATA_READY) == 0)
		return -1;
	return uart_read(UART_RBR);
}
