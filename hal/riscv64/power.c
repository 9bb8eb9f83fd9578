/*
 * power.c - riscv64 power off. Success goes through the SBI system reset
 * extension (SRST). OpenSBI 1.1 (QEMU 7.2) turns every SRST shutdown into
 * a "pass" of QEMU's test device, whatever reason we give, so a failure
 * writes FINISHER_FAIL to that device itself (the virt machine's
 * sifive,test1 at physical 0x100000): QEMU then exits with status 1.
 */
#include "hal.h"
#include "riscv.h"

#define SBI_EXT_SRST 0x53525354
#define SRST_SHUTDOWN 0
#define SRST_REASON_NONE 0
#define SRST_REASON_FAILURE 1

#define TEST_DEVICE_PA 0x100000UL
#define FINISHER_FAIL 0x3333 /* exit status in bits 31:16 */

void hal_power_off(bool failure)
{
	if (failure)
		*(volatile uint32_t *)hal_phys_to_virt(TEST_DEVICE_PA) = 1u << 16 | FINISHER_FAIL;
	sbi_call(SBI_EXT_SRST, 0, SRST_SHUTDOWN, failure ? SRST_REASON_FAILURE : SRST_REASON_NONE,
		 0);
	for (;;)
		asm volatile("wfi");
}
