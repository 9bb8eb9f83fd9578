/*
 * timer.c - riscv64 time: the `time` CSR counts at the DTB's
 * timebase-frequency (10 MHz on QEMU virt); deadlines are set through the
 * SBI TIME extension and arrive as the supervisor timer interrupt.
 */
#include "hal.h"
#include "riscv.h"

#define SBI_EXT_TIME 0x54494D45
#define SIE_STIE (1UL << 5)

static uint64_t freq = 10000000;

void hal_timer_init(void)
{
	int len;
	const void *p = dtb_prop("cpus", "timebase-frequency", &len);
	if (p != NULL && (len == 4 || len == 8))
		freq = dtb_read_cells(p, len / 4);
	hal_timer_ack();
	csr_set(sie, SIE_STIE);
}

uint64_t hal_time(void)
{
	return csr_read(time);
}

uint64_t hal_time_freq(void)
{
	return freq;
}

void hal_timer_set(uint64_t deadline)
{
	sbi_call(SBI_EXT_TIME, 0, (long)deadline, 0, 0);
}

void hal_timer_ack(void)
{
	sbi_call(SBI_EXT_TIME, 0, -1L, 0, 0); /* no deadline: clears the pending bit */
}
