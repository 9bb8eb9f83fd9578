/*
 * one_thread.c - what the block cache (kernel/fs/bcache.c) needs from the
 * kernel's threads, clock and frames, for the host tests of the file systems
 * (tests/test_easyfs.py, tests/test_fat32.py). They run one thread, with
 * a block device that reads and writes at once: nobody ever waits for a
 * buffer another thread is reading or writing back, so a wait is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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

/* Memory: 16 MiB free, so the cache gets its smallest size; a frame
   range is plain zeroed host memory, its "physical" address its own. */
size_t frame_free_count(void)
{
	return 4096;
}

uint64_t frame_alloc_contig(size_t n)
{
	return (uint64_t)(uintptr_t)calloc(n, 4096);
}

void *hal_phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}
