/*
 * file.c - open files. A struct file is one open of something — a file of
 * a file system, the console, later a pipe or a socket — with its own
 * offset and open mode; descriptors in several processes share one after
 * fork. What a read, write, fstat or close does is the kind's (struct
 * file_ops: inode_file.c, console_file.c); this file keeps the table
 * (fixed, NFILE), the references and the open-mode checks.
 */
#include "task/task.h"

static struct file files[NFILE];

struct file *file_alloc(void)
{
	for (int i = 0; i < NFILE; i++) {
		if (files[i].refs == 0) {
			memset(&files[i], 0, sizeof(files[i]));
			files[i].refs = 1;
			return &files[i];
		}
	}
	warn("vfs: the open-file table (%d) is full", NFILE);
	return NULL;
}

void file_set(struct file *f, const struct file_ops *ops, void *priv, int flags)
{
	f->ops = ops;
	f->priv = priv;
	f->flags = flags;
	f->off = 0;
}

struct file *file_dup(struct file *f)
{
	f->refs++;
	return f;
}

int file_close(struct file *f)
{
	if (f->refs <= 0)
		panic("closing a free file");
	if (--f->refs > 0)
		return 0;
	int err = f->ops != NULL ? f->ops->close(f) : 0;
	f->ops = NULL;
	f->priv = NULL;
	return err;
}

static bool readable(struct file *f)
{
	return (f->flags & 3) != O_WRONLY;
}

static bool writable(struct file *f)
{
	return (f->flags & 3) != O_RDONLY;
}

long file_read(struct file *f, void *buf, uint64_t n)
{
	if (!readable(f))
		return -EBADF;
	return f->ops->read(f, buf, n);
}

long file_write(struct file *f, const void *buf, uint64_t n)
{
	if (!writable(f))
		return -EBADF;
	return f->ops->write(f, buf, n);
}

void file_stat(struct file *f, struct stat *st)
{
	f->ops->stat(f, st);
}
