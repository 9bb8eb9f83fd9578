/*
 * console.c - riscv64 console: the 16550 UART at physical 0x10000000
 * (OpenSBI has already set its baud rate), memory-mapped, reached through
 * the direct map. The UART itself is hal/common/uart16550.c.
 */
#include "hal.h"
#include "riscv.h"
#include "uart16550.h"
#include "dtb.h"

#define UART_PA 0x10000000UL
#define UART_IRQ 10

uint8_t uart_read(int reg)
{
	return ((volatile uint8_t *)hal_phys_to_virt(UART_PA))[reg];
}

void uart_write(int reg, uint8_t v)
{
	((volatile uint8_t *)hal_phys_to_virt(UART_PA))[reg] = v;
}

/* The UART's PLIC source, from the device tree (10 on QEMU's virt). */
int hal_console_irq(void)
{
	int len;
	const void *p = dtb_compat_prop("ns16550a", "interrupts", &len);
	uart16550_rx_irq_on();
	return p != NULL && len >= 4 ? (int)dtb_read_cells(p, 1) : UART_IRQ;
}
