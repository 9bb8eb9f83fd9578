/*
 * sys_arch.c - the little that lwIP asks of the system when it runs
 * without an OS layer (NO_SYS, see lwipopts.h): the time in milliseconds,
 * random numbers (port numbers and sequence numbers), and what to do with
 * a failed assertion or a diagnostic message.
 */
#include "lib/lib.h"
#include "lwip/sys.h"

u32_t sys_now(void)
{
	uint64_t freq = hal_time_freq();
	return (u32_t)(hal_time() / (freq / 1000));
}

/* xorshift64, seeded from the clock on first use: not for secrets, only
   so that two boots do not pick the same ports and sequence numbers. */
uint32_t lwip_port_rand(void)
{
	static uint64_t x;
	if (x == 0)
		x = hal_time() * 0x9E3779B97F4A7C15ULL | 1;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (uint32_t)(x >> 16);
}

void lwip_port_assert(const char *msg, const char *file, int line)
{
	panic_at(file, line, "lwIP assertion failed: %s", msg);
}

void lwip_port_diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
