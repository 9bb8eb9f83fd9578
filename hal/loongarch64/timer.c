/*
 * timer.c - loongarch64 time: the stable counter (`rdtime.d`) counts at
 * the frequency CPUCFG words 4 and 5 give (100 MHz on QEMU virt). The
 * per-core timer counts down TCFG.InitVal ticks at the same rate, one-shot,
 * and then raises interrupt line 11 until TICLR clears it.
 */
#include "hal.h"
#include "loongarch.h"

#define TCFG_EN 0x1
#define TCFG_TICKS 0xfffffffffffcUL /* InitVal: a multiple of 4 */
#define MIN_TICKS 4

static uint64_t freq = 100000000;

static uint32_t cpucfg(uint32_t word)
{
	uint32_t v;
	asm volatile("cpucfg %0, %1" : "=r"(v) : "r"(word));
	return v;
}

/* Frequency = CPUCFG4 (crystal Hz) * CPUCFG5[15:0] / CPUCFG5[31:16]. */
void hal_timer_init(void)
{
	uint64_t base = cpucfg(4), mul = cpucfg(5) & 0xffff, div = cpucfg(5) >> 16;
	if (base != 0 && mul != 0 && div != 0)
		freq = base * mul / div;
	hal_timer_ack();
	csr_xchg(CSR_ECFG, INT_TIMER, INT_TIMER); /* taken only where IE is on: user mode */
}

uint64_t hal_time(void)
{
	uint64_t t;
	asm volatile("rdtime.d %0, $zero" : "=r"(t));
	return t;
}

uint64_t hal_time_freq(void)
{
	return freq;
}

void hal_timer_set(uint64_t deadline)
{
	uint64_t now = hal_time();
	uint64_t ticks = deadline > now ? deadline - now : 0;
	if (ticks > TCFG_TICKS)
		ticks = TCFG_TICKS;
	ticks = (ticks + 3) & TCFG_TICKS;
	if (ticks < MIN_TICKS)
		ticks = MIN_TICKS;
	csr_write(CSR_TICLR, 1); /* forget a tick of an earlier deadline */
	csr_write(CSR_TCFG, ticks | TCFG_EN);
}

void hal_timer_ack(void)
{
	csr_write(CSR_TCFG, 0); /* no deadline */
	csr_write(CSR_TICLR, 1);
}
