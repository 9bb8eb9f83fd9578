/*
 * sys_read.c - read(0, buf, len) from the console (chapter 5): waits,
 * giving the CPU away, until at least one byte has arrived, then returns
 * the bytes waiting, up to len.
 */
#include "syscall/syscall.h"

long sys_read(struct task *t, const uint64_t a[6])
{
	uint64_t fd = a[0], va = a[1], len = a[2];
	if (fd != 0)
		return -EBADF;
	if (len == 0)
		return 0;
	if (check_user(t, va, len, true) != 0)
		return -EFAULT;
	int c;
	while ((c = hal_console_getc()) < 0)
		task_yield();
	char buf[64];
	size_t n = 0;
	do {
		buf[n++] = (char)c;
	} while (n < len && n < sizeof(buf) && (c = hal_console_getc()) >= 0);
	if (copy_to_user(t, va, buf, n) != 0)
		return -EFAULT;
	return n;
}
