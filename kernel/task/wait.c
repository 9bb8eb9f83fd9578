/*
 * wait.c - wait queues: how a thread sleeps until something happens
 * (chapter 3+). A thread that must wait (for a console byte, a child's exit, a
 * deadline) puts itself on the queue of that event and blocks; whoever
 * makes the event happen wakes the queue. One CPU, and the kernel runs
 * with interrupts off, so nothing can come between the test of the
 * condition and going to sleep: the usual loop is
 *
 *	while (!condition)
 *		wait_sleep(&queue);
 *
 * A wait that a signal may interrupt (chapter 7: a pipe, the console,
 * waitpid, sleep) uses wait_sleep_intr() and gives up with -EINTR.
 */
#include "task/task.h"
#include "irq.h"

void wait_sleep(struct waitq *q)
{
	struct thread *t = current_thread();
	t->wait_next = NULL;
	struct thread **p = &q->head;
	while (*p != NULL)
		p = &(*p)->wait_next;
	*p = t; /* at the end: woken in the order they came */
	t->waiting_on = q;
	t->state = TASK_BLOCKED;
	thread_yield();
}

int wait_sleep_intr(struct waitq *q)
{
	struct thread *t = current_thread();
	if (signal_pending(t))
		return -EINTR;
	wait_sleep(q);
	return signal_pending(t) ? -EINTR : 0;
}

/* Take `t` off the queue it sleeps on and make it runnable. */
static void wake(struct thread *t)
{
	t->waiting_on = NULL;
	t->wait_next = NULL;
	if (t->state == TASK_BLOCKED) {
		t->state = TASK_READY;
		sched_wake(t); /* the policy may adjust it (stride) */
		irq_note_wakeup();
	}
}

void wait_wake_all(struct waitq *q)
{
	struct thread *t = q->head;
	q->head = NULL;
	while (t != NULL) {
		struct thread *next = t->wait_next;
		wake(t);
		t = next;
	}
}

void wait_wake_one(struct waitq *q)
{
	struct thread *t = q->head;
	if (t == NULL)
		return;
	q->head = t->wait_next;
	wake(t);
}

void wait_remove(struct thread *t)
{
	struct waitq *q = t->waiting_on;
	if (q == NULL)
		return;
	for (struct thread **p = &q->head; *p != NULL; p = &(*p)->wait_next)
		if (*p == t) {
			*p = t->wait_next;
			break;
		}
	wake(t);
}

bool wait_empty(const struct waitq *q)
{
	return q->head == NULL;
}

struct waitq poll_waiters;

void wait_wake_pollers(void)
{
	wait_wake_all(&poll_waiters);
}
