/*
 * fdtable.c - the descriptor table of a process (chapter 6+): NOFILE
 * slots, each NULL or an open file. fork copies the table (the files are
 * shared, with one more reference each); the first process gets the
 * console on 0, 1 and 2; exit closes them all.
 */
#include "task/task.h"

struct file *fd_get(struct proc *p, uint64_t fd)
{
	return fd < NOFILE ? p->files[fd] : NULL;
}

int fd_free(struct proc *p)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if (p->files[fd] == NULL)
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

void files_init(struct proc *p, struct proc *parent)
{
	memset(p->files, 0, sizeof(p->files));
	if (parent == NULL) {
		p->files[0] = console(O_RDONLY);
		p->files[1] = console(O_WRONLY);
		p->files[2] = console(O_WRONLY);
		strncpy_safe(p->cwd_path, "/", sizeof(p->cwd_path));
		return;
	}
	for (int i = 0; i < NOFILE; i++)
		if (parent->files[i] != NULL)
			p->files[i] = file_dup(parent->files[i]);
	strncpy_safe(p->cwd_path, parent->cwd_path, sizeof(p->cwd_path));
}

void files_close_all(struct proc *p)
{
	for (int i = 0; i < NOFILE; i++) {
		if (p->files[i] != NULL) {
			file_close(p->files[i]);
			p->files[i] = NULL;
		}
	}
}
