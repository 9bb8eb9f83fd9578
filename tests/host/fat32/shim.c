/*
 * shim.c - what kernel/fs/fat32*.c, bcache.c and inode.c need from the rest
 * of the kernel, on the host: panic_at, and a block device backed by an
 * image file (the C library gives printf, memcpy and the rest).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include "drivers/blk.h"
#include "shim.h"

void panic_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stdout, "PANIC at %s:%d: ", file, line);
	vfprintf(stdout, fmt, ap);
	fprintf(stdout, "\n");
	va_end(ap);
	fflush(stdout);
	exit(PANIC_EXIT);
}

static int image_fd = -1;
static long writes_left = -1; /* writes that succeed before the "disk" fails; -1: all */

/* bcache.c's wait queues and clock: tests/host/one_thread.c. */

static int image_read(struct blk_dev *d, uint64_t sector, void *buf, int count)
{
	(void)d;
	ssize_t n = pread(image_fd, buf, (size_t)count * SECTOR_SIZE, (off_t)sector * SECTOR_SIZE);
	return n == (ssize_t)count * SECTOR_SIZE ? 0 : -1;
}

static int image_write(struct blk_dev *d, uint64_t sector, const void *buf, int count)
{
	(void)d;
	if (writes_left == 0)
		return -1;
	if (writes_left > 0)
		writes_left--;
	ssize_t n = pwrite(image_fd, buf, (size_t)count * SECTOR_SIZE, (off_t)sector * SECTOR_SIZE);
	return n == (ssize_t)count * SECTOR_SIZE ? 0 : -1;
}

static struct blk_dev image_dev = {
    .name = "img",
    .read = image_read,
    .write = image_write,
};

struct blk_dev *image_open(const char *path, uint64_t nsectors)
{
	struct stat st;
	image_fd = open(path, O_RDWR);
	if (image_fd < 0 || fstat(image_fd, &st) != 0) {
		perror(path);
		exit(2);
	}
	image_dev.nsectors = nsectors != 0 ? nsectors : (uint64_t)st.st_size / SECTOR_SIZE;
	return &image_dev;
}

void image_fail_writes_after(long n)
{
	writes_left = n;
}

/* kernel/lib/printf.c prints through this: the kernel's own formatter is
   used, so a format it does not know shows in the tests. */
void hal_console_putc(char c)
{
	putchar(c);
}
