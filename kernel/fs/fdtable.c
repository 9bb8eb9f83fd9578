/*
 * fdtable.c - the descriptor table of a process (chapter 6+): NOFILE
 * slots, each NULL or an open file. fork copies the table (the files are
 * shared, with one more reference each); the first process gets the
 * console on 0, 1 and 2; exit closes them all.
 */
#include "task/task.h"

struct file *fd_get(struct task *t, uint64_t fd)
{
	return fd < NOFILE ? t->files[fd] : NULL;
}

int fd_free(struct task *t)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if (t->files[fd] == NULL)
			return fd;
	return -EMFILE;
}

/* The console, open as `flags`; NULL if the open-file table is full. */
static struct file *console(int flags)
{
	struct file *f = file_alloc();
	if (f != NULL)
		file_set(f, &console_file_ops, NULL, flags);
	return f;
}

void files_init(struct task *t, struct task *parent)
{
	memset(t->files, 0, sizeof(t->files));
	if (parent == NULL) {
		t->files[0] = console(O_RDONLY);
		t->files[1] = console(O_WRONLY);
		t->files[2] = console(O_WRONLY);
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
