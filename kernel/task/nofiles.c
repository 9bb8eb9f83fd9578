/*
 * nofiles.c - chapter 5 has no files yet: a process has no descriptors to
 * copy or close (the console is reached by fd number in sys_io.c).
 */
#include "task/task.h"

void files_init(struct task *t, struct task *parent)
{
	(void)t;
	(void)parent;
}

void files_close_all(struct task *t)
{
	(void)t;
}

void vfs_sync(void)
{
}
