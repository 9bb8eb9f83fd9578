/*
 * sys_thread.c - threads (chapter 8; task/proc.c does the work):
 *   thread_create(entry, arg)  a new thread of the caller's process runs
 *                              entry(arg) on its own stack: its tid (the
 *                              lowest free; the main thread is 0), or -1
 *   gettid()                   the caller's tid
 *   waittid(tid)               reap thread tid: its exit code; -1 for the
 *                              caller itself or no such thread; -2 while
 *                              it runs (rCore: it does not block)
 * A thread ends with exit(code); exit from the main thread ends the
 * process (sys_task.c).
 */
#include "syscall/syscall.h"

long sys_thread_create(struct proc *p, const uint64_t a[6])
{
	(void)p;
	return thread_create(current_thread(), a[0], a[1]);
}

long sys_gettid(struct proc *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return current_thread()->tid;
}

long sys_waittid(struct proc *p, const uint64_t a[6])
{
	return thread_wait(p, (int)a[0]);
}
