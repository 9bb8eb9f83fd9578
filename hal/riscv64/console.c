/*
 * console.c - riscv64 console: the 16550 UART at physical 0x10000000
 * (OpenSBI has already set its baud rate), memory-mapped, reached through
 * the direct map. The UART itself is hal/common/uart16550.c.
 */
#include "hal.h"
#include "riscv.h"
#include "uart16550.h"

#define UART_PA 0x10000000UL

uint8_t uart_read(int reg)
{
	return ((volatile uint8_t *)hal_phys_to_virt(UART_PA))[reg];
}

void uart_write(int reg, uint8_t v)
{
	((volatile uint8_t *)hal_phys_to_virt(UART_PA))[reg] = v;
}
