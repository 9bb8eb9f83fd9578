/*
 * rr.c - round-robin, the scheduling policy of chapters 3 and 4: the next
 * READY thread after the one that ran last, in table order. Every one gets
 * the same share; nothing to charge, nothing to adjust on a wake-up.
 */
#include "task/task.h"

static int last = -1;

struct thread *sched_pick(void)
{
	int n;
	struct thread *threads = thread_table(&n);
	for (int k = 1; k <= n; k++) {
		int i = (last + k) % n;
		if (threads[i].state == TASK_READY) {
			last = i;
			return &threads[i];
		}
	}
	return NULL;
}

void sched_charge(struct thread *t, uint64_t ran, uint64_t slice)
{
	(void)t, (void)ran, (void)slice;
}

void sched_wake(struct thread *t)
{
	(void)t;
}
