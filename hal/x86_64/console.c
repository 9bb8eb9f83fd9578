/*
 * console.c - x86_64 console: the 16550 UART COM1, reached through I/O
 * ports 0x3f8..0x3ff; console_init() sets 115200 baud, 8N1, FIFOs on. The
 * UART itself is hal/common/uart16550.c. Its interrupt is ISA IRQ 4,
 * which arrives on IOAPIC input 4 unless the MADT overrides it (QEMU's
 * does not).
 */
#include "hal.h"
#include "x86.h"
#include "uart16550.h"

#define COM1 0x3f8
#define COM1_IRQ 4 /* ISA IRQ */

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

int hal_console_irq(void)
{
	uint64_t gsi_base;
	acpi_ioapic(&gsi_base);
	uart16550_rx_irq_on();
	return acpi_isa_route(COM1_IRQ).gsi - (int)gsi_base;
}
