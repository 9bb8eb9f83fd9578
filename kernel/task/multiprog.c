/*
 * multiprog.c - chapters 3-4: all programs resident at once, taking turns.
 *
 * Every embedded program gets a task with its own kernel stack, all loaded
 * before the first runs; the scheduler (sched.c) switches between them
 * round-robin (rr.c). A task that exits gives its memory back at once;
 * when the last one has, the kernel reports the free frames and powers
 * off.
 */
#include "task/task.h"

static struct task tasks[MAX_TASKS];
static uint8_t kstacks[MAX_TASKS][KSTACK_SIZE] __attribute__((aligned(16)));
static int ntasks, alive;
static size_t free_before;

struct task *task_table(int *n)
{
	*n = ntasks;
	return tasks;
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
		hal_context_init(&t->ctx, t->kstack + KSTACK_SIZE, task_entry);
		t->state = TASK_READY;
		ntasks++;
	}
	alive = ntasks;
	info("loaded %d programs", ntasks);
}

/* On the exited task's own kernel stack, with its page table still
   active: switch to the kernel's, then free the program. */
void task_exited(struct task *t)
{
	if (!t->killed) /* a killed one has said why already; no parent waits */
		printf("[kernel] %s exited with code %d\n", t->name, t->exit_code);
	hal_pt_activate(NULL);
	program_unload(t);
	if (--alive > 0)
		return;
	printf("[kernel] free frames: %lu before loading the programs, %lu after they ended\n",
	       free_before, frame_free_count());
	printf("All applications completed!\n");
	hal_power_off(false);
}

void run_apps(void)
{
	free_before = frame_free_count();
	load_all();
	if (ntasks == 0) {
		printf("All applications completed!\n");
		hal_power_off(false);
	}
	schedule();
}
