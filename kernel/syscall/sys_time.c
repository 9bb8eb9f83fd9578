/*
 * sys_time.c - gettimeofday(tv, tz): seconds and microseconds since boot,
 * from the hal's monotonic counter.
 */
#include "syscall/syscall.h"
#include "abi/time.h"

long sys_gettimeofday(struct proc *p, const uint64_t a[6])
{
	uint64_t now = hal_time(), freq = hal_time_freq();
	struct timeval tv = {now / freq, (now % freq) * 1000000 / freq};
	return copy_to_user(p, a[0], &tv, sizeof(tv));
}

/* Whole ms in `ticks`, rounded down exactly as a program that reads
   gettimeofday and computes sec * 1000 + usec / 1000 (the user library's
   get_time) sees them, without overflow. */
uint64_t time_ms(uint64_t ticks)
{
	uint64_t freq = hal_time_freq();
	return ticks / freq * 1000 + ticks % freq * 1000 / freq;
}
