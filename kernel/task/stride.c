/*
 * stride.c - stride scheduling (the chapter 5 lab).
 *
 * Every process has a priority p >= 2 (16 at first) and a pass value.
 * The scheduler runs the ready process with the smallest pass; after it
 * ran, its pass grows by its stride, STRIDE_BIG / p, for each full time
 * slice it used (pro rata for part of one). Over time every process gets
 * CPU time in proportion to its priority.
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

void stride_charge(struct task *t, uint64_t ran, uint64_t slice)
{
	uint64_t charge = STRIDE_BIG / t->priority * ran / slice;
	t->pass += charge > 0 ? charge : 1;
}
