/*
 * syscall.c - one C wrapper per system call, over the per-arch __syscall.
 */
#include "ulib.h"

long write(int fd, const void *buf, size_t len)
{
	return __syscall(SYS_WRITE, fd, (long)buf, len, 0, 0, 0);
}

long read(int fd, void *buf, size_t len)
{
	return __syscall(SYS_READ, fd, (long)buf, len, 0, 0, 0);
}

void exit(int code)
{
	flush();
	__syscall(SYS_EXIT, code, 0, 0, 0, 0, 0);
	for (;;)
		;
}

long sched_yield(void)
{
	return __syscall(SYS_YIELD, 0, 0, 0, 0, 0, 0);
}

long gettimeofday(struct timeval *tv, void *tz)
{
	return __syscall(SYS_GETTIMEOFDAY, (long)tv, (long)tz, 0, 0, 0, 0);
}

long task_info(struct task_info *info)
{
	return __syscall(SYS_TASK_INFO, (long)info, 0, 0, 0, 0, 0);
}

long getpid(void)
{
	return __syscall(SYS_GETPID, 0, 0, 0, 0, 0, 0);
}

long get_time(void)
{
	struct timeval tv;
	if (gettimeofday(&tv, NULL) < 0)
		return -1;
	return tv.sec * 1000 + tv.usec / 1000;
}

void sleep_ms(long ms)
{
	long until = get_time() + ms;
	while (get_time() < until)
		sched_yield();
}

long sbrk(long increment)
{
	return __syscall(SYS_SBRK, increment, 0, 0, 0, 0, 0);
}

long mmap(uint64_t start, uint64_t len, uint64_t prot)
{
	return __syscall(SYS_MMAP, start, len, prot, 0, 0, 0);
}

long munmap(uint64_t start, uint64_t len)
{
	return __syscall(SYS_MUNMAP, start, len, 0, 0, 0, 0);
}
