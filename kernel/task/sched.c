/*
 * sched.c - chapter 3: all programs resident at once, taking turns.
 *
 * Every program gets a task with its own kernel stack. The scheduler runs
 * on the boot stack and switches to the next READY task round-robin; the
 * task runs its program until it yields, its time slice ends (the timer
 * interrupt, when PREEMPT=1) or it exits, then switches back.
 */
#include "task/task.h"

#define SLICE_HZ 100 /* a time slice is 10 ms */

static struct task tasks[MAX_TASKS];
static uint8_t kstacks[MAX_TASKS][KSTACK_SIZE] __attribute__((aligned(16)));
static struct hal_context scheduler_ctx;
static struct task *running;
static int ntasks;

struct task *current_task(void)
{
	return running;
}

/* Give the CPU back to the scheduler; returns when picked again. */
void task_yield(void)
{
	struct task *t = running;
	t->need_resched = false;
	if (t->state == TASK_RUNNING)
		t->state = TASK_READY;
	hal_context_switch(&t->ctx, &scheduler_ctx);
}

/* Every task's kernel thread starts here and runs its program. */
static void task_main(void)
{
	struct task *t = running;
	while (t->state != TASK_EXITED) {
		handle_user_trap(t, hal_user_run(&t->tf));
		if (t->need_resched || t->state == TASK_EXITED)
			task_yield();
	}
	panic("exited task %s was scheduled", t->name);
}

static void load_all(void)
{
	int n = app_count();
	if (n > MAX_TASKS) {
		warn("only the first %d of %d programs fit", MAX_TASKS, n);
		n = MAX_TASKS;
	}
	for (int i = 0; i < n; i++) {
		struct task *t = &tasks[ntasks];
		t->id = ntasks;
		t->name = app_get(i)->name;
		if (program_load(t, ntasks, app_get(i)) != 0)
			continue;
		t->kstack = kstacks[ntasks];
		hal_context_init(&t->ctx, t->kstack + KSTACK_SIZE, task_main);
		t->state = TASK_READY;
		ntasks++;
	}
	info("loaded %d programs", ntasks);
}

/* The next READY task after `last`, round-robin; NULL if none is left. */
static struct task *pick_next(int last)
{
	for (int k = 1; k <= ntasks; k++) {
		struct task *t = &tasks[(last + k) % ntasks];
		if (t->state == TASK_READY)
			return t;
	}
	return NULL;
}

void run_apps(void)
{
	size_t free_before = frame_free_count();
	load_all();
	int last = ntasks - 1;
	uint64_t slice = hal_time_freq() / SLICE_HZ;
	struct task *t;
	while ((t = pick_next(last)) != NULL) {
		last = t->id;
		if (t->start_time == 0)
			t->start_time = hal_time();
		t->state = TASK_RUNNING;
		running = t;
		hal_pt_activate(t->vm.pt);
		if (PREEMPT)
			hal_timer_set(hal_time() + slice);
		hal_context_switch(&scheduler_ctx, &t->ctx);
		running = NULL;
		if (t->state == TASK_EXITED) {
			hal_pt_activate(NULL);
			program_unload(t);
		}
	}
	printf("[kernel] free frames: %lu before loading the programs, %lu after they ended\n",
	       free_before, frame_free_count());
	printf("All applications completed!\n");
	hal_power_off(false);
}
