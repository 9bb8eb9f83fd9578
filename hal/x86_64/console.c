/*
 * console.c - x86_64 console: the 16550 UART COM1, reached through I/O
 * ports 0x3f8..0x3ff; console_init() sets 115200 baud, 8N1, FIFOs on. The
 * UART itself is hal/common/uart16550.c.
 */
#include "hal.h"
#include "x86.h"
#include "uart16550.h"

#define COM1 0x3f8

uint8_t uart_read(int reg)
{
	return inb(COM1 + reg);
}

void uart_write(int reg, uint8_t v)
{
	outb(COM1 + reg, v);
}

void console_init(void)
{
	uart16550_init();
}
