/*
 * sys_task.c - exit(code): the program is done.
 */
#include "syscall/syscall.h"

long sys_exit(struct proc *p, const uint64_t a[6])
{
	proc_exit(p, (int)a[0]);
	return 0;
}
