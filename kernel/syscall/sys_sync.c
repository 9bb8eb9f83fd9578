/*
 * sys_sync.c - mutexes, semaphores, condition variables and deadlock
 * detection (chapter 8, rCore's lab numbers; sync/ does the work). Ids
 * are per process, the lowest free first; an unknown id is -1, a request
 * the deadlock detector refuses -0xDEAD.
 *   mutex_create(blocking)          1: blocking, 0: spinning (it yields)
 *   mutex_lock(id), mutex_unlock(id)   unlock by a non-owner: -1
 *   semaphore_create(count), semaphore_up(id), semaphore_down(id)
 *   condvar_create(), condvar_signal(id), condvar_wait(id, mutex_id)
 *   enable_deadlock_detect(on)      1 or 0: 0; anything else -1
 */
#include "syscall/syscall.h"
#include "sync/sync.h"

long sys_mutex_create(struct proc *p, const uint64_t a[6])
{
	return mutex_create(p, a[0] != 0);
}

long sys_mutex_lock(struct proc *p, const uint64_t a[6])
{
	(void)p;
	return mutex_lock(current_thread(), (int)a[0]);
}

long sys_mutex_unlock(struct proc *p, const uint64_t a[6])
{
	(void)p;
	return mutex_unlock(current_thread(), (int)a[0]);
}

long sys_semaphore_create(struct proc *p, const uint64_t a[6])
{
	return sem_create(p, (int64_t)a[0]);
}

long sys_semaphore_up(struct proc *p, const uint64_t a[6])
{
	(void)p;
	return sem_up(current_thread(), (int)a[0]);
}

long sys_semaphore_down(struct proc *p, const uint64_t a[6])
{
	(void)p;
	return sem_down(current_thread(), (int)a[0]);
}

long sys_condvar_create(struct proc *p, const uint64_t a[6])
{
	(void)a;
	return condvar_create(p);
}

long sys_condvar_signal(struct proc *p, const uint64_t a[6])
{
	(void)p;
	return condvar_signal(current_thread(), (int)a[0]);
}

long sys_condvar_wait(struct proc *p, const uint64_t a[6])
{
	(void)p;
	return condvar_wait(current_thread(), (int)a[0], (int)a[1]);
}

long sys_enable_deadlock_detect(struct proc *p, const uint64_t a[6])
{
	if (a[0] > 1)
		return -1;
	struct sync *s = sync_of(p);
	if (s == NULL)
		return -1;
	s->detect = a[0] == 1;
	return 0;
}
