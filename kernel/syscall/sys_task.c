/*
 * sys_task.c - exit(code): the program is done.
 */
#include "syscall/syscall.h"

long sys_exit(struct task *t, const uint64_t a[6])
{
	task_exit(t, (int)a[0]);
	return 0;
}
