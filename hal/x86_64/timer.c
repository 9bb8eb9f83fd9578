/*
 * timer.c - x86_64 time: hal_time() is the TSC; deadlines are one-shot
 * counts of the local APIC timer, which interrupts on VEC_TIMER. Neither
 * rate is told by the machine (TCG has no CPUID leaf 0x15/0x16), so both
 * are measured against the 8254 PIT, whose input clock is fixed.
 *
 * The LAPIC needs an EOI for every timer interrupt: trap.c sends it as
 * soon as the interrupt arrives (in user mode or in the kernel), before
 * the kernel sees HAL_CAUSE_TIMER; hal_timer_ack() only disarms the timer.
 */
#include "hal.h"
#include "x86.h"

#define LAPIC_LVT_TIMER 0x320  /* vector, mode (0 = one-shot), mask */
#define LAPIC_TIMER_INIT 0x380 /* writing it starts a count down; 0 stops */
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0
#define LVT_MASKED 0x10000
#define DIV_16 0x3

#define PIT_HZ 1193182
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_CH2_MODE0 0xb0 /* channel 2, low then high byte, mode 0 (out goes high at 0) */
#define PORT_B 0x61	   /* bit 0: channel 2 gate, bit 1: speaker, bit 5: channel 2 out */
#define CALIBRATE_MS 20
#define CALIBRATE_ROUNDS 3
#define NO_DEADLINE UINT64_MAX

static uint64_t tsc_freq, lapic_freq;
static uint64_t deadline = NO_DEADLINE;

/* Let the PIT count CALIBRATE_MS; see how far the TSC and LAPIC got. */
static void measure(uint64_t *tsc, uint64_t *lapic_ticks)
{
	uint32_t latch = PIT_HZ * CALIBRATE_MS / 1000;
	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01); /* gate on, speaker off */
	outb(PIT_CMD, PIT_CH2_MODE0);
	outb(PIT_CH2, latch & 0xff);
	outb(PIT_CH2, latch >> 8); /* counting starts */
	lapic_write(LAPIC_TIMER_INIT, UINT32_MAX);
	uint64_t t0 = rdtsc();
	while (!(inb(PORT_B) & 0x20))
		;
	*tsc = rdtsc() - t0;
	*lapic_ticks = UINT32_MAX - lapic_read(LAPIC_TIMER_CUR);
	lapic_write(LAPIC_TIMER_INIT, 0);
}

/* A late look at the PIT (the host may run something else meanwhile) only
   makes a measurement longer: keep the shortest of a few. */
static void calibrate(void)
{
	uint64_t best_tsc = UINT64_MAX, best_lapic = 0;
	for (int i = 0; i < CALIBRATE_ROUNDS; i++) {
		uint64_t tsc, lapic_ticks;
		measure(&tsc, &lapic_ticks);
		if (tsc < best_tsc) {
			best_tsc = tsc;
			best_lapic = lapic_ticks;
		}
	}
	uint64_t latch = PIT_HZ * CALIBRATE_MS / 1000;
	tsc_freq = best_tsc * PIT_HZ / latch;
	lapic_freq = best_lapic * PIT_HZ / latch;
}

/* The LAPIC itself is on since hal_trap_init(). */
void hal_timer_init(void)
{
	lapic_write(LAPIC_TIMER_DIV, DIV_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	calibrate();
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER); /* one-shot, unmasked */
}

uint64_t hal_time(void)
{
	return rdtsc();
}

uint64_t hal_time_freq(void)
{
	return tsc_freq;
}

/* Start the LAPIC count down to `deadline` (as near as 32 bits reach). */
static void arm(void)
{
	uint64_t now = hal_time(), ticks = 1;
	if (deadline > now) {
		uint64_t d = deadline - now; /* in TSC ticks; in LAPIC ticks: */
		ticks = d / tsc_freq * lapic_freq + d % tsc_freq * lapic_freq / tsc_freq;
		if (ticks == 0)
			ticks = 1;
		if (ticks > UINT32_MAX)
			ticks = UINT32_MAX; /* fires early: timer_expired() re-arms */
	}
	lapic_write(LAPIC_TIMER_INIT, ticks);
}

void hal_timer_set(uint64_t when)
{
	deadline = when;
	arm();
}

void hal_timer_ack(void)
{
	deadline = NO_DEADLINE;
	lapic_write(LAPIC_TIMER_INIT, 0);
}

bool timer_expired(void)
{
	if (deadline == NO_DEADLINE)
		return false; /* a tick left over from before hal_timer_ack() */
	if (hal_time() >= deadline)
		return true;
	arm();
	return false;
}
