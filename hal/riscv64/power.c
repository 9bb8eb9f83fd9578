/*
 * power.c - riscv64 power off through the SBI system reset extension
 * (SRST); a failure reason makes QEMU exit with a non-zero status.
 */
#include "hal.h"
#include "riscv.h"

#define SBI_EXT_SRST 0x53525354
#define SRST_SHUTDOWN 0
#define SRST_REASON_NONE 0
#define SRST_REASON_FAILURE 1

void hal_power_off(bool failure)
{
	sbi_call(SBI_EXT_SRST, 0, SRST_SHUTDOWN, failure ? SRST_REASON_FAILURE : SRST_REASON_NONE,
		 0);
	for (;;)
		asm volatile("wfi");
}
