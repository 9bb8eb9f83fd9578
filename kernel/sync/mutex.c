/*
 * mutex.c - mutexes (chapter 8). A blocking mutex puts a thread that
 * finds it locked to sleep; unlock hands it straight to the first waiter
 * (first come, first served: nobody can overtake a sleeper). A spin mutex
 * makes the thread yield the CPU until it finds the mutex free. Unlocking
 * a mutex the thread does not hold is an error.
 */
#include "sync/sync.h"

int mutex_create(struct proc *p, bool blocking)
{
	struct sync *s = sync_of(p);
	if (s == NULL)
		return -1;
	for (int i = 0; i < SYNC_MAX; i++)
		if (!s->mutexes[i].used) {
			memset(&s->mutexes[i], 0, sizeof(s->mutexes[i]));
			s->mutexes[i].used = true;
			s->mutexes[i].blocking = blocking;
			return i;
		}
	return -1;
}

static struct mutex *get(struct proc *p, int id)
{
	if (p->sync == NULL || id < 0 || id >= SYNC_MAX || !p->sync->mutexes[id].used)
		return NULL;
	return &p->sync->mutexes[id];
}

int mutex_lock(struct thread *t, int id)
{
	struct proc *p = t->proc;
	struct mutex *m = get(p, id);
	if (m == NULL)
		return -1;
	if (deadlock_request(p->sync, p, t, id) != 0)
		return DEADLOCK;
	if (m->blocking) {
		if (m->owner == NULL)
			m->owner = t;
		while (m->owner != t) { /* unlock makes us the owner */
			if (signal_fatal(t)) {
				p->sync->need[t->tid][id] = 0;
				return -EINTR;
			}
			wait_sleep(&m->waiters);
		}
	} else {
		while (m->owner != NULL) {
			if (signal_fatal(t)) {
				p->sync->need[t->tid][id] = 0;
				return -EINTR;
			}
			thread_yield();
		}
		m->owner = t;
	}
	deadlock_grant(p->sync, t, id);
	return 0;
}

void mutex_release(struct sync *s, struct mutex *m, struct thread *t)
{
	deadlock_release(s, t, m - s->mutexes);
	struct thread *next = m->blocking ? m->waiters.head : NULL;
	m->owner = next;
	if (next != NULL) {
		deadlock_grant(s, next, m - s->mutexes);
		wait_wake_one(&m->waiters);
	}
}

int mutex_unlock(struct thread *t, int id)
{
	struct mutex *m = get(t->proc, id);
	if (m == NULL || m->owner != t)
		return -1;
	mutex_release(t->proc->sync, m, t);
	return 0;
}
