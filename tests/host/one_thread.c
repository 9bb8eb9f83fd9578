/*
 * one_thread.c - what the block cache (kernel/fs/bcache.c) needs from the
 * kernel's threads and clock, for the host tests of the file systems
 * (tests/test_easyfs.py, tests/test_fat32.py). They run one thread, with
 * a block device that reads and writes at once: nobody ever waits for a
 * buffer another thread is reading or writing back, so a wait is a bug.
 */
#include <stdint.h>

struct waitq;

void panic_at(const char *file, int line, const char *fmt, ...);

void wait_sleep(struct waitq *q)
{
	(void)q;
	panic_at(__FILE__, __LINE__, "wait_sleep in a one-thread test");
}

int clock_wait_until(struct waitq *q, uint64_t deadline)
{
	(void)q;
	(void)deadline;
	panic_at(__FILE__, __LINE__, "clock_wait_until in a one-thread test");
	return 0;
}

void wait_wake_all(struct waitq *q)
{
	(void)q;
}

uint64_t hal_time(void)
{
	return 0;
}

uint64_t hal_time_freq(void)
{
	return 1;
}
