/*
 * sys_io.c - console output: write(fd, buf, len) for fd 1 (stdout).
 */
#include "syscall/syscall.h"

long sys_write(struct proc *p, const uint64_t a[6])
{
	uint64_t fd = a[0], va = a[1], len = a[2];
	if (fd != 1)
		return -EBADF;
	if (check_user(p, va, len, false) != 0)
		return -EFAULT;
	char buf[256];
	for (uint64_t done = 0; done < len;) {
		uint64_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);
		if (copy_from_user(p, buf, va + done, n) != 0)
			return -EFAULT;
		console_write(buf, n, true);
		done += n;
	}
	return len;
}
