/*
 * power.c - aarch64 power off. Success: PSCI SYSTEM_OFF through `hvc`
 * (QEMU exits with status 0). Failure: semihosting SYS_EXIT with a
 * non-zero code, which QEMU (run with -semihosting-config enable=on)
 * turns into its own exit status.
 */
#include "hal.h"
#include "aarch64.h"

#define PSCI_SYSTEM_OFF 0x84000008
#define SEMIHOST_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* A PSCI call: function id and up to three arguments; returns x0. */
static uint64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 asm("x0") = fn;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;
	register uint64_t x3 asm("x3") = a3;
	asm volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return x0;
}

/* Semihosting exit: AArch64 passes a {reason, code} block. */
static void semihost_exit(uint64_t code)
{
	uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, code};
	register uint64_t x0 asm("x0") = SEMIHOST_SYS_EXIT;
	register uint64_t x1 asm("x1") = (uint64_t)block;
	asm volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}

void hal_power_off(bool failure)
{
	if (failure)
		semihost_exit(1);
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		asm volatile("wfi");
}
