/*
 * nofiles.c - chapter 5 has no files yet: a process has no descriptors to
 * copy or close (the console is reached by fd number in sys_io.c).
 */
#include "task/task.h"

void files_init(struct proc *p, struct proc *parent)
{
	(void)p;
	(void)parent;
}

void files_close_all(struct proc *p)
{
	(void)p;
}

void vfs_sync(void)
{
}
