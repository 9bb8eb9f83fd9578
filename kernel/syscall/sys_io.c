/*
 * sys_io.c - console output: write(fd, buf, len) for fd 1 (stdout).
 */
#include "syscall/syscall.h"

long sys_write(struct task *t, const uint64_t a[6])
{
	uint64_t fd = a[0], va = a[1], len = a[2];
	if (fd != 1)
		return -EBADF;
	const char *buf = user_ptr(t, va, len);
	if (buf == NULL)
		return -EFAULT;
	for (uint64_t i = 0; i < len; i++)
		hal_console_putc(buf[i]);
	return len;
}
