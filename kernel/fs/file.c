/*
 * file.c - open files and the descriptor table of each process.
 *
 * A struct file is one open of a file (or of the console), with its own
 * offset; descriptors in several processes can share one after fork.
 * The table of open files is fixed (NFILE).
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

struct file *file_open(struct inode *ip, int flags)
{
	struct file *f = file_alloc();
	if (f == NULL)
		return NULL;
	f->kind = FILE_INODE;
	f->ip = ip;
	f->flags = flags;
	return f;
}

struct file *file_console(int flags)
{
	struct file *f = file_alloc();
	if (f != NULL) {
		f->kind = FILE_CONSOLE;
		f->flags = flags;
	}
	return f;
}

struct file *file_dup(struct file *f)
{
	f->refs++;
	return f;
}

int file_close(struct file *f)
{
	int err = 0;
	if (f->refs <= 0)
		panic("closing a free file");
	if (--f->refs > 0)
		return 0;
	if (f->kind == FILE_INODE) {
		if ((f->flags & 3) != O_RDONLY)
			err = f->ip->fs->ops->sync(f->ip->fs);
		iput(f->ip);
	}
	f->kind = FILE_NONE;
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
	if (f->kind == FILE_CONSOLE)
		return n == 0 ? 0 : (long)console_read(buf, n); /* sleeps for a byte */
	if (f->ip->type == INODE_DIR)
		return -EISDIR;
	long r = f->ip->fs->ops->read(f->ip, f->off, buf, n);
	if (r > 0)
		f->off += r;
	return r;
}

long file_write(struct file *f, const void *buf, uint64_t n)
{
	if (!writable(f))
		return -EBADF;
	if (f->kind == FILE_CONSOLE) {
		const char *s = buf;
		for (uint64_t i = 0; i < n; i++)
			hal_console_putc(s[i]);
		return n;
	}
	long r = f->ip->fs->ops->write(f->ip, f->off, buf, n);
	if (r > 0)
		f->off += r;
	return r;
}

void files_init(struct task *t, struct task *parent)
{
	memset(t->files, 0, sizeof(t->files));
	if (parent == NULL) {
		t->files[0] = file_console(O_RDONLY);
		t->files[1] = file_console(O_WRONLY);
		t->files[2] = file_console(O_WRONLY);
		strncpy_safe(t->cwd_path, "/", sizeof(t->cwd_path));
		return;
	}
	for (int i = 0; i < NOFILE; i++)
		if (parent->files[i] != NULL)
			t->files[i] = file_dup(parent->files[i]);
	strncpy_safe(t->cwd_path, parent->cwd_path, sizeof(t->cwd_path));
}

void files_close_all(struct task *t)
{
	for (int i = 0; i < NOFILE; i++) {
		if (t->files[i] != NULL) {
			file_close(t->files[i]);
			t->files[i] = NULL;
		}
	}
}
