/*
 * sys_read.c - read(0, buf, len) from the console (chapter 5): sleeps
 * until at least one byte has arrived, then returns the bytes waiting, up
 * to len.
 */
#include "syscall/syscall.h"

long sys_read(struct proc *p, const uint64_t a[6])
{
	uint64_t fd = a[0], va = a[1], len = a[2];
	if (fd != 0)
		return -EBADF;
	if (len == 0)
		return 0;
	if (check_user(p, va, len, true) != 0)
		return -EFAULT;
	char buf[64];
	long n = console_read(buf, len < sizeof(buf) ? len : sizeof(buf));
	if (n < 0)
		return n;
	return copy_to_user(p, va, buf, n) == 0 ? n : -EFAULT;
}
