/*
 * power.c - x86_64 power off. Success: ACPI soft-off through the q35 PM1a
 * control register (SeaBIOS puts the ICH9 ACPI block at I/O 0x600), QEMU
 * exits 0. Failure: the isa-debug-exit device at 0xf4 that QEMU_CMD adds;
 * writing v makes QEMU exit with (v << 1) | 1, so 1 gives status 3.
 */
#include "hal.h"
#include "x86.h"

#define ACPI_PM1A_CNT 0x604
#define PM1_SLP_EN 0x2000 /* sleep enable, sleep type 0 = soft off on QEMU */
#define DEBUG_EXIT 0xf4

void hal_power_off(bool failure)
{
	if (failure)
		outb(DEBUG_EXIT, 1);
	else
		outw(ACPI_PM1A_CNT, PM1_SLP_EN);
	for (;;)
		asm volatile("cli; hlt");
}
