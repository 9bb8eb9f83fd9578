/*
 * semaphore.c - counting semaphores (chapter 8). down takes a unit or
 * sleeps; up gives its unit straight to the first sleeper if there is
 * one (it wakes already holding it), else adds it to the count.
 */
#include "sync/sync.h"

int sem_create(struct proc *p, int64_t count)
{
	struct sync *s = sync_of(p);
	if (s == NULL || count < 0)
		return -1;
	for (int i = 0; i < SYNC_MAX; i++)
		if (!s->sems[i].used) {
			memset(&s->sems[i], 0, sizeof(s->sems[i]));
			s->sems[i].used = true;
			s->sems[i].count = count;
			return i;
		}
	return -1;
}

static struct semaphore *get(struct proc *p, int id)
{
	if (p->sync == NULL || id < 0 || id >= SYNC_MAX || !p->sync->sems[id].used)
		return NULL;
	return &p->sync->sems[id];
}

int sem_up(struct thread *t, int id)
{
	struct semaphore *sem = get(t->proc, id);
	if (sem == NULL)
		return -1;
	struct sync *s = t->proc->sync;
	deadlock_release(s, t, SYNC_MAX + id);
	struct thread *next = sem->waiters.head;
	if (next != NULL) {
		next->granted = true;
		deadlock_grant(s, next, SYNC_MAX + id);
		wait_wake_one(&sem->waiters);
	} else {
		sem->count++;
	}
	return 0;
}

int sem_down(struct thread *t, int id)
{
	struct proc *p = t->proc;
	struct semaphore *sem = get(p, id);
	if (sem == NULL)
		return -1;
	if (deadlock_request(p->sync, p, t, SYNC_MAX + id) != 0)
		return DEADLOCK;
	if (sem->count > 0) {
		sem->count--;
		deadlock_grant(p->sync, t, SYNC_MAX + id);
		return 0;
	}
	t->granted = false;
	while (!t->granted) { /* up hands us its unit */
		if (signal_fatal(t)) {
			p->sync->need[t->tid][SYNC_MAX + id] = 0;
			return -EINTR;
		}
		wait_sleep(&sem->waiters);
	}
	return 0;
}
