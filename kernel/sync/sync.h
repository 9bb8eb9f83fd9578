/*
 * sync.h - the synchronisation objects of a process (chapter 8): blocking
 * and spinning mutexes, semaphores, condition variables, each in a table
 * of SYNC_MAX per process (ids: the lowest free slot), and the deadlock
 * detector's books over them. Every wait sleeps on a wait queue, except
 * the spin mutex, which yields.
 */
#ifndef SYNC_H
#define SYNC_H

#include "task/task.h"

#define SYNC_MAX 16
/* Resources the deadlock detector counts: mutex i is resource i,
   semaphore i is resource SYNC_MAX + i. */
#define NRES (2 * SYNC_MAX)
#define DEADLOCK -0xDEAD

struct mutex {
	bool used, blocking;
	struct thread *owner; /* NULL: unlocked */
	struct waitq waiters; /* blocking: in the order they came */
};

struct semaphore {
	bool used;
	int64_t count;
	struct waitq waiters;
};

struct condvar {
	bool used;
	struct waitq waiters;
};

struct sync {
	struct mutex mutexes[SYNC_MAX];
	struct semaphore sems[SYNC_MAX];
	struct condvar condvars[SYNC_MAX];
	/* deadlock.c: on or off; units of each resource a thread holds, and
	   the one it waits for */
	bool detect;
	int32_t alloc[PROC_THREADS][NRES];
	uint8_t need[PROC_THREADS][NRES];
};

/* sync.c: the tables of `p`, made on first use; NULL if out of memory. */
struct sync *sync_of(struct proc *p);

/* mutex.c, semaphore.c, condvar.c: the system calls' work. Ids are
   indices; an unknown id is -1. */
int mutex_create(struct proc *p, bool blocking);
int mutex_lock(struct thread *t, int id);
int mutex_unlock(struct thread *t, int id);
/* Release mutex `m` held by `t`: the first waiter becomes its owner. */
void mutex_release(struct sync *s, struct mutex *m, struct thread *t);
int sem_create(struct proc *p, int64_t count);
int sem_up(struct thread *t, int id);
int sem_down(struct thread *t, int id);
int condvar_create(struct proc *p);
int condvar_signal(struct thread *t, int id);
int condvar_wait(struct thread *t, int id, int mutex_id);

/* deadlock.c: the banker's algorithm (the chapter 8 lab). */
/* Thread `t` asks for one unit of resource `r`: 0 if the state stays
   safe (its need is recorded), else DEADLOCK and nothing recorded. */
int deadlock_request(struct sync *s, struct proc *p, struct thread *t, int r);
/* `t` got one unit of `r` (its need for it is met) / gave one back. */
void deadlock_grant(struct sync *s, struct thread *t, int r);
void deadlock_release(struct sync *s, struct thread *t, int r);

#endif
