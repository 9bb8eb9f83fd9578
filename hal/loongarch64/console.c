/*
 * console.c - loongarch64 console: the 16550 UART at physical 0x1fe001e0,
 * memory-mapped, reached through the uncached window. QEMU's UART needs no
 * setup. The UART itself is hal/common/uart16550.c. Its interrupt is
 * PCH-PIC input 2 (pch_pic.c).
 */
#include "hal.h"
#include "loongarch.h"
#include "uart16550.h"

#define UART_PA 0x1fe001e0UL
#define UART_IRQ 2 /* PCH-PIC input */

uint8_t uart_read(int reg)
{
	return mmio_read8(UART_PA + reg);
}

void uart_write(int reg, uint8_t v)
{
	mmio_write8(UART_PA + reg, v);
}

int hal_console_irq(void)
{
	uart16550_rx_irq_on();
	return UART_IRQ;
}
