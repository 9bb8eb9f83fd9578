/*
 * condvar.c - condition variables (chapter 8). wait releases the mutex
 * the thread holds, sleeps until a signal, and takes the mutex again
 * before returning; signal wakes the first waiter, if any (a signal with
 * nobody waiting is lost, as the textbooks say). Waiting with a mutex the
 * thread does not hold is an error.
 */
#include "sync/sync.h"

int condvar_create(struct proc *p)
{
	struct sync *s = sync_of(p);
	if (s == NULL)
		return -1;
	for (int i = 0; i < SYNC_MAX; i++)
		if (!s->condvars[i].used) {
			memset(&s->condvars[i], 0, sizeof(s->condvars[i]));
			s->condvars[i].used = true;
			return i;
		}
	return -1;
}

static struct condvar *get(struct proc *p, int id)
{
	if (p->sync == NULL || id < 0 || id >= SYNC_MAX || !p->sync->condvars[id].used)
		return NULL;
	return &p->sync->condvars[id];
}

int condvar_signal(struct thread *t, int id)
{
	struct condvar *cv = get(t->proc, id);
	if (cv == NULL)
		return -1;
	wait_wake_one(&cv->waiters);
	return 0;
}

int condvar_wait(struct thread *t, int id, int mutex_id)
{
	struct condvar *cv = get(t->proc, id);
	if (cv == NULL || mutex_unlock(t, mutex_id) != 0)
		return -1;
	wait_sleep(&cv->waiters);
	int r = mutex_lock(t, mutex_id);
	return r == 0 ? 0 : r;
}
