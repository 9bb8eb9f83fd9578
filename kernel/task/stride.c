/*
 * stride.c - stride scheduling (the chapter 5 lab).
 *
 * Every process has a priority p >= 2 (16 at first) and a pass value.
 * The scheduler runs the ready process with the smallest pass, and each
 * time a process is picked its pass grows by STRIDE_BIG / p. Over time a
 * process gets CPU slices in proportion to its priority.
 */
#include "task/task.h"

struct task *stride_pick(struct task *tasks, int n)
{
	struct task *best = NULL;
	for (int i = 0; i < n; i++) {
		struct task *t = &tasks[i];
		if (t->state == TASK_READY && (best == NULL || t->pass < best->pass))
			best = t;
	}
	return best;
}

void stride_charge(struct task *t)
{
	uint64_t stride = STRIDE_BIG / t->priority;
	t->pass += stride > 0 ? stride : 1;
}
