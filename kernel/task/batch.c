/*
 * batch.c - chapter 2: run the embedded programs one after another.
 *
 * Each program is loaded into slot 0 and run until it exits or is killed;
 * then the next one is loaded over it. There is only one task at a time,
 * running on the boot stack, so no context switch is needed.
 */
#include "task/task.h"

static struct task the_task;
static struct task *running;

struct task *current_task(void)
{
	return running;
}

void run_apps(void)
{
	int n = app_count();
	info("batch: %d programs", n);
	for (int i = 0; i < n; i++) {
		const struct app *a = app_get(i);
		struct task *t = &the_task;
		memset(t, 0, sizeof(*t));
		t->id = i;
		t->name = a->name;
		printf("[kernel] running %s\n", a->name);
		if (program_load(t, 0, a) != 0)
			continue;
		hal_pt_activate(t->vm.pt);
		t->state = TASK_RUNNING;
		t->start_time = hal_time();
		running = t;
		while (t->state == TASK_RUNNING)
			handle_user_trap(t, hal_user_run(&t->tf));
		running = NULL;
		if (!t->killed) /* a killed one has said why already */
			printf("[kernel] %s exited with code %d\n", t->name, t->exit_code);
		hal_pt_activate(NULL);
		program_unload(t);
	}
	printf("All applications completed!\n");
	hal_power_off(false);
}
