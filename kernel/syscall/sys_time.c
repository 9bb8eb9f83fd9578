/*
 * sys_time.c - gettimeofday(tv, tz): seconds and microseconds since boot,
 * from the hal's monotonic counter.
 */
#include "syscall/syscall.h"

struct timeval {
	uint64_t sec;
	uint64_t usec;
};

long sys_gettimeofday(struct task *t, const uint64_t a[6])
{
	void *dst = user_ptr(t, a[0], sizeof(struct timeval));
	if (dst == NULL)
		return -EFAULT;
	uint64_t now = hal_time(), freq = hal_time_freq();
	struct timeval tv = {now / freq, (now % freq) * 1000000 / freq};
	memcpy(dst, &tv, sizeof(tv));
	return 0;
}
