/*
 * nosync.c - before chapter 8 a process has no mutexes, semaphores or
 * condition variables: nothing to hand on when a thread ends, nothing to
 * free. Chapter 8 replaces this file with sync/sync.c.
 */
#include "task/task.h"

void sync_thread_exit(struct thread *t)
{
	(void)t;
}

void sync_free(struct proc *p)
{
	(void)p;
}
