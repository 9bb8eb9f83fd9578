/*
 * rr.c - round-robin, the scheduling policy of chapters 3 and 4: the next
 * READY task after the one that ran last, in table order. Every task gets
 * the same share; nothing to charge, nothing to adjust on a wake-up.
 */
#include "task/task.h"

static int last = -1;

struct task *sched_pick(void)
{
	int n;
	struct task *tasks = task_table(&n);
	for (int k = 1; k <= n; k++) {
		int i = (last + k) % n;
		if (tasks[i].state == TASK_READY) {
			last = i;
			return &tasks[i];
		}
	}
	return NULL;
}

void sched_charge(struct task *t, uint64_t ran, uint64_t slice)
{
	(void)t, (void)ran, (void)slice;
}

void sched_wake(struct task *t)
{
	(void)t;
}
