/*
 * console_file.c - the console as a file kind, for descriptors 0, 1 and 2:
 * a read sleeps until a key comes and returns what is there
 * (drivers/console.c); a write goes straight to the UART.
 */
#include "task/task.h"
#include "abi/stat.h"

static long console_file_read(struct file *f, void *buf, uint64_t n)
{
	(void)f;
	return n == 0 ? 0 : (long)console_read(buf, n);
}

static long console_file_write(struct file *f, const void *buf, uint64_t n)
{
	(void)f;
	const char *s = buf;
	for (uint64_t i = 0; i < n; i++)
		hal_console_putc(s[i]);
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

const struct file_ops console_file_ops = {
    .read = console_file_read,
    .write = console_file_write,
    .stat = console_file_stat,
    .close = console_file_close,
    .stream = true,
};
