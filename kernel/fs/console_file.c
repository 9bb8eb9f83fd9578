/*
 * console_file.c - the console as a file kind, for descriptors 0, 1 and 2:
 * a read sleeps until a key comes and returns what is there
 * (drivers/console.c); a write goes to the UART (and, chapter 9, to the
 * screen: lib/printf.c, console_write). ioctl gets and
 * sets the console's foreground process group (chapter 7).
 */
#include "task/task.h"
#include "abi/stat.h"
#include "abi/errno.h"
#include "abi/poll.h"

static long console_file_read(struct file *f, void *buf, uint64_t n)
{
	(void)f;
	return n == 0 ? 0 : console_read(buf, n);
}

static long console_file_write(struct file *f, const void *buf, uint64_t n)
{
	(void)f;
	console_write(buf, n, true);
	return n;
}

static void console_file_stat(struct file *f, struct stat *st)
{
	(void)f;
	st->nlink = 1;
}

static int console_file_close(struct file *f)
{
	(void)f;
	return 0;
}

static long console_file_ioctl(struct file *f, uint64_t request, uint64_t arg)
{
	(void)f;
	struct proc *p = current_proc();
	int pgid;
	switch (request) {
	case TIOCGPGRP:
		pgid = console_fg();
		return copy_to_user(p, arg, &pgid, sizeof(pgid));
	case TIOCSPGRP:
		if (copy_from_user(p, &pgid, arg, sizeof(pgid)) != 0)
			return -EFAULT;
		if (pgid < 0)
			return -EINVAL;
		console_set_fg(pgid);
		return 0;
	default:
		return -ENOTTY;
	}
}

static int console_file_poll(struct file *f)
{
	(void)f;
	return POLLOUT | (console_has_input() ? POLLIN : 0);
}

const struct file_ops console_file_ops = {
    .read = console_file_read,
    .write = console_file_write,
    .stat = console_file_stat,
    .close = console_file_close,
    .ioctl = console_file_ioctl,
    .poll = console_file_poll,
    .stream = true,
};
