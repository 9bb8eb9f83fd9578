/*
 * stride.c - stride scheduling (the chapter 5 lab).
 *
 * Every thread (one per process until chapter 8) has a priority p >= 2
 * (16 at first) and a pass value. The scheduler runs the ready thread
 * with the smallest pass; after it
 * ran, its pass grows by its stride, STRIDE_BIG / p, for each full time
 * slice it used (pro rata for part of one). Over time every process gets
 * CPU time in proportion to its priority.
 *
 * Two bounds keep one process from starving the others:
 *  - set_priority accepts any p >= 2 (rCore's ABI, whose checker sets
 *    isize::MAX), but the scheduler counts at most PRIORITY_MAX: a process
 *    at the maximum gets PRIORITY_MAX / 16 = 64 times the CPU of one at the
 *    default priority, never all of it, and a full slice still adds
 *    STRIDE_BIG / PRIORITY_MAX = 1024 to its pass;
 *  - one turn is charged at most one slice: a turn that lasted longer
 *    than its slice means the timer tick came late (under QEMU: the host
 *    did not run it), and charging that to a thread of low priority would
 *    hand the CPU to one of high priority for many slices;
 *  - a thread that slept is not owed the time it slept: it wakes with a
 *    pass no lower than that of the thread picked last (sched_wake), or
 *    after a long sleep it would have the CPU to itself until it caught up;
 *  - passes are compared by their signed difference, so the order stays
 *    right when a pass wraps around 2^64 (the passes of ready processes
 *    are never more than 2^63 apart: each charge is bounded below).
 */
#include "task/task.h"

static bool pass_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

/* The pass of the last thread picked: where the ready threads are now. */
static uint64_t pass_now;

struct thread *stride_pick(struct thread *threads, int n)
{
	/* LAB 5 stride: BEGIN */
	struct thread *best = NULL;
	for (int i = 0; i < n; i++) {
		struct thread *t = &threads[i];
		if (t->state == TASK_READY && (best == NULL || pass_before(t->pass, best->pass)))
			best = t;
	}
	if (best != NULL)
		pass_now = best->pass;
	return best;
	/* LAB 5 stride: STUB
	static int last;
	for (int k = 1; k <= n; k++) {
		struct thread *t = &threads[(last + k) % n];
		if (t->state == TASK_READY) {
			last = (last + k) % n;
			return t;
		}
	}
	return NULL;
	   LAB 5 stride: END */
}

/* The policy hooks of sched.c. */
struct thread *sched_pick(void)
{
	int n;
	struct thread *threads = thread_table(&n);
	return stride_pick(threads, n);
}

void sched_charge(struct thread *t, uint64_t ran, uint64_t slice)
{
	stride_charge(t, ran, slice);
}

void sched_wake(struct thread *t)
{
	if (pass_before(t->pass, pass_now))
		t->pass = pass_now;
}

uint64_t stride_priority(int64_t requested)
{
	return requested > PRIORITY_MAX ? PRIORITY_MAX : (uint64_t)requested;
}

void stride_charge(struct thread *t, uint64_t ran, uint64_t slice)
{
	/* LAB 5 stride: BEGIN */
	if (ran > slice) /* a late timer tick (the host stalled QEMU) is not the thread's doing */
		ran = slice;
	uint64_t charge = STRIDE_BIG * ran / (t->priority * slice);
	t->pass += charge > 0 ? charge : 1;
	/* LAB 5 stride: STUB
	(void)t, (void)ran, (void)slice;
	   LAB 5 stride: END */
}
