/*
 * sys_sleep.c - sleep(ms) (101, rCore's numbering and argument; chapter
 * 5+): the caller blocks on the clock's queue until ms milliseconds have
 * passed, using no CPU meanwhile. Returns 0; -1 for a negative ms;
 * -EINTR if a signal cut it short (chapter 7+).
 */
#include "syscall/syscall.h"

#define MAX_SLEEP_MS (1000UL * 60 * 60 * 24 * 365) /* a year: no overflow below */

long sys_sleep(struct proc *p, const uint64_t a[6])
{
	(void)p;
	int64_t ms = (int64_t)a[0];
	if (ms < 0)
		return -1;
	if ((uint64_t)ms > MAX_SLEEP_MS)
		ms = MAX_SLEEP_MS;
	uint64_t freq = hal_time_freq();
	uint64_t ticks = (uint64_t)ms / 1000 * freq + (uint64_t)ms % 1000 * freq / 1000;
	return clock_sleep_until(hal_time() + ticks);
}
