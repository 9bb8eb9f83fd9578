/*
 * batch.c - chapter 2: run the embedded programs one after another.
 *
 * Each program is loaded into slot 0 and run until it exits or is killed;
 * then the next one is loaded over it. There is only one process at a
 * time, whose one thread runs on the boot stack, so no context switch is
 * needed.
 */
#include "task/task.h"

static struct proc the_proc;
static struct thread the_thread;
static struct thread *running;

struct thread *current_thread(void)
{
	return running;
}

void run_apps(void)
{
	int n = app_count();
	info("batch: %d programs", n);
	for (int i = 0; i < n; i++) {
		const struct app *a = app_get(i);
		struct proc *p = &the_proc;
		struct thread *t = &the_thread;
		memset(p, 0, sizeof(*p));
		memset(t, 0, sizeof(*t));
		p->id = i;
		p->name = a->name;
		p->main = p->threads[0] = t;
		p->nthreads = 1;
		t->proc = p;
		printf("[kernel] running %s\n", a->name);
		if (program_load(p, 0, a, &t->tf) != 0)
			continue;
		hal_pt_activate(p->vm.pt);
		p->state = PROC_ALIVE;
		t->state = TASK_RUNNING;
		p->start_time = hal_time();
		running = t;
		while (t->state == TASK_RUNNING)
			handle_user_trap(t, hal_user_run(&t->tf));
		running = NULL;
		if (!p->killed) /* a killed one has said why already */
			printf("[kernel] %s exited with code %d\n", p->name, p->exit_code);
		hal_pt_activate(NULL);
		program_unload(p);
	}
	printf("All applications completed!\n");
	hal_power_off(false);
}
