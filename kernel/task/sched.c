/*
 * sched.c - the scheduler (chapter 3+), one loop for every chapter.
 *
 * Every thread starts in thread_entry() on its own kernel stack and runs
 * its user code until a trap; the scheduler runs on the boot stack. It
 * picks the next thread through the chapter's policy (sched_pick:
 * round-robin in chapters 3-4, rr.c; stride from chapter 5, stride.c),
 * switches to it, and gets the CPU back when the thread yields, its time
 * slice ends (the timer, when PREEMPT=1), it blocks on a wait queue, or it
 * exits. With nothing to run, the CPU sleeps in hal_idle() until the
 * clock's next event (clock.c). What a chapter does when a thread exits is
 * its own (thread_exited: multiprog.c in chapters 3-4, proc.c from 5).
 */
#include "task/task.h"
#include "irq.h"

#define SLICE_HZ 100 /* a time slice is 10 ms */

static struct hal_context scheduler_ctx;
static struct thread *running;
/* Set when a timer tick arrives: the slice is over, arm a new one. */
static bool timer_fired;

struct thread *current_thread(void)
{
	return running;
}

void thread_yield(void)
{
	struct thread *t = running;
	t->need_resched = false;
	if (t->state == TASK_RUNNING)
		t->state = TASK_READY;
	hal_context_switch(&t->ctx, &scheduler_ctx);
}

void thread_entry(void)
{
	struct thread *t = running;
	for (;;) {
		/* before every return to user mode, the first one included
		   (chapter 7+): deliver signals; the process may end there, or
		   another of its threads may have ended it */
		signal_deliver(t);
		if (t->proc->state == PROC_EXITED)
			t->state = TASK_EXITED;
		if (t->state == TASK_EXITED) {
			thread_exited(t);
			hal_context_switch(&t->ctx, &scheduler_ctx);
			panic("exited thread of %s was scheduled", t->proc->name);
		}
		struct hal_trap trap = hal_user_run(&t->tf);
		if (trap.cause == HAL_CAUSE_TIMER)
			timer_fired = true;
		handle_user_trap(t, trap);
		if (t->need_resched && t->state == TASK_RUNNING)
			thread_yield();
	}
}

/* Nothing to run: sleep until the next thing the clock has to do, or,
   if it has nothing, until an interrupt (chapter 9: a device; before,
   nothing can come and every thread waits for another one). */
static void idle(void)
{
	if (irq_wait_awake(hal_time_freq() / 5000))
		return;
	uint64_t next = clock_next_event();
	if (next == CLOCK_NEVER)
		hal_timer_ack(); /* no tick while idle */
	else
		hal_timer_set(next);
	hal_idle();
	hal_timer_ack();    /* whatever woke us, that deadline is done with */
	timer_fired = true; /* and so is the slice's: arm a new one */
}

void schedule(void)
{
	uint64_t slice = hal_time_freq() / SLICE_HZ, deadline = 0;
	for (;;) {
		clock_poll();
		struct thread *t = sched_pick();
		if (t == NULL) {
			idle();
			continue;
		}
		if (t->proc->start_time == 0)
			t->proc->start_time = hal_time();
		t->state = TASK_RUNNING;
		running = t;
		hal_pt_activate(t->proc->vm.pt);
		/* Arm the timer only when the last slice is over: programming it
		   can cost more than the rest of a switch (an SBI call on riscv64),
		   and a thread that yields early leaves its slice to the next.
		   Sleepers and the console are looked at when the slice ends. */
		if (PREEMPT && (timer_fired || hal_time() >= deadline)) {
			deadline = hal_time() + slice;
			timer_fired = false;
			hal_timer_set(deadline);
		}
		uint64_t began = hal_time();
		hal_context_switch(&scheduler_ctx, &t->ctx);
		sched_charge(t, hal_time() - began, slice);
		running = NULL;
	}
}
