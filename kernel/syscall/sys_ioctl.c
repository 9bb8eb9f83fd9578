/*
 * sys_ioctl.c - ioctl(fd, request, arg) (chapter 7): a request to the
 * kind of file behind fd. Only the console answers, for its foreground
 * process group (TIOCGPGRP, TIOCSPGRP: arg points at an int; see
 * fs/console_file.c); other files say -ENOTTY.
 */
#include "syscall/syscall.h"

long sys_ioctl(struct proc *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, a[0]);
	if (f == NULL)
		return -EBADF;
	if (f->ops->ioctl == NULL)
		return -ENOTTY;
	return f->ops->ioctl(f, a[1], a[2]);
}
