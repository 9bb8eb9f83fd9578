/*
 * clock.c - what the kernel does with time besides time slices (chapter
 * 3+): threads sleeping until a deadline (sleep, 101), threads waiting
 * on a queue with a deadline (a disk request, chapter 9), and polling the
 * console while someone waits for a key (until chapter 9 brings the
 * UART's interrupt), and one hook for more (chapter 9: the network
 * stack's timers, net/net.c). The scheduler calls clock_poll() whenever it runs and
 * asks clock_next_event() when to wake up if it has nothing to run.
 */
#include "task/task.h"

/* How often the console is polled while a reader waits: keystroke
   latency is at most this. */
#define CONSOLE_POLL_HZ 100

static struct waitq sleepers;	/* each with its t->wake_at */
static struct thread *timed;	/* in clock_wait_until, linked by timed_next */
static void (*hook_poll)(void); /* clock_set_hook: the network's timers */
static uint64_t (*hook_next)(void);

void clock_set_hook(void (*poll)(void), uint64_t (*next)(void))
{
	hook_poll = poll;
	hook_next = next;
}

int clock_sleep_until(uint64_t deadline)
{
	struct thread *t = current_thread();
	t->wake_at = deadline;
	while (hal_time() < deadline)
		if (wait_sleep_intr(&sleepers) != 0)
			return -EINTR;
	return 0;
}

int clock_wait_until(struct waitq *q, uint64_t deadline)
{
	struct thread *t = current_thread();
	t->wake_at = deadline;
	t->timed_next = timed;
	timed = t;
	wait_sleep(q);
	struct thread **p = &timed;
	while (*p != t)
		p = &(*p)->timed_next;
	*p = t->timed_next;
	return hal_time() >= deadline ? -ETIMEDOUT : 0;
}

void clock_poll(void)
{
	/* Called on every pass of the scheduler: nothing to read the clock
	   for while nobody sleeps. */
	struct thread *t = sleepers.head;
	uint64_t now = t != NULL ? hal_time() : 0;
	while (t != NULL) {
		struct thread *next = t->wait_next;
		if (t->wake_at <= now)
			wait_remove(t);
		t = next;
	}
	if (timed != NULL) {
		if (now == 0)
			now = hal_time();
		for (t = timed; t != NULL; t = t->timed_next)
			if (t->wake_at <= now && t->state == TASK_BLOCKED)
				wait_remove(t);
	}
	/* Bytes typed while nobody reads wait in the UART (QEMU holds them
	   back once its FIFO is full): no need to look on every switch. */
	if (console_wants_poll())
		console_poll();
	if (hook_poll != NULL)
		hook_poll();
}

uint64_t clock_next_event(void)
{
	uint64_t next = CLOCK_NEVER;
	for (struct thread *t = sleepers.head; t != NULL; t = t->wait_next)
		if (t->wake_at < next)
			next = t->wake_at;
	for (struct thread *t = timed; t != NULL; t = t->timed_next)
		if (t->wake_at < next)
			next = t->wake_at;
	if (console_wants_poll()) {
		uint64_t poll = hal_time() + hal_time_freq() / CONSOLE_POLL_HZ;
		if (poll < next)
			next = poll;
	}
	if (hook_next != NULL) {
		uint64_t hook = hook_next();
		if (hook < next)
			next = hook;
	}
	return next;
}
