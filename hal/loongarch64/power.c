/*
 * power.c - loongarch64 power off: the ACPI GED sleep control register of
 * QEMU's virt machine. Writing SLP_EN with sleep type 5 (S5, soft off)
 * makes QEMU exit. There is no device to report an exit status, so a
 * failure powers off the same way (panic() has already said so).
 */
#include "hal.h"
#include "loongarch.h"

#define GED_SLEEP_CTL_PA 0x100e001cUL
#define SLP_TYP_S5 (5 << 2)
#define SLP_EN (1 << 5)

void hal_power_off(bool failure)
{
	(void)failure;
	mmio_write8(GED_SLEEP_CTL_PA, SLP_EN | SLP_TYP_S5);
	for (;;)
		asm volatile("idle 0");
}
