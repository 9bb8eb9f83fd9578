/*
 * console.c - loongarch64 console: the 16550 UART at physical 0x1fe001e0,
 * memory-mapped, reached through the uncached window. QEMU's UART needs no
 * setup. The UART itself is hal/common/uart16550.c.
 */
#include "hal.h"
#include "loongarch.h"
#include "uart16550.h"

#define UART_PA 0x1fe001e0UL

uint8_t uart_read(int reg)
{
	return mmio_read8(UART_PA + reg);
}

void uart_write(int reg, uint8_t v)
{
	mmio_write8(UART_PA + reg, v);
}
