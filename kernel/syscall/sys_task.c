/*
 * sys_task.c - exit(code): the program is done.
 */
#include "syscall/syscall.h"

long sys_exit(struct proc *p, const uint64_t a[6])
{
	struct thread *t = current_thread();
	if (t->tid == 0)
		proc_exit(p, (int)a[0]); /* the main thread: the whole process */
	else
		thread_exit(t, (int)a[0]); /* another (chapter 8): that thread only */
	return 0;
}
