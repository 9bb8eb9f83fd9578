/*
 * console.c - aarch64 console: the PL011 UART at physical 0x09000000,
 * polled, through the direct map.
 */
#include "hal.h"
#include "aarch64.h"

#define UART_PA 0x09000000UL
#define UART_DR 0x00	     /* data register */
#define UART_FR 0x18	     /* flag register */
#define UART_LCRH 0x2c	     /* line control */
#define UART_CR 0x30	     /* control register */
#define FR_RXFE (1 << 4)     /* receive FIFO empty */
#define FR_TXFF (1 << 5)     /* transmit FIFO full */
#define LCRH_FEN (1 << 4)    /* FIFOs on */
#define LCRH_WLEN_8 (3 << 5) /* 8 data bits */
#define CR_UARTEN (1 << 0)
#define CR_TXE (1 << 8)
#define CR_RXE (1 << 9)

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

int hal_console_getc(void)
{
	if (*reg(UART_FR) & FR_RXFE)
		return -1;
	return *reg(UART_DR) & 0xff;
}
