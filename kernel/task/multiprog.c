/*
 * multiprog.c - chapters 3-4: all programs resident at once, taking turns.
 *
 * Every embedded program gets a process with one thread and its own
 * kernel stack, all loaded before the first runs; the scheduler (sched.c)
 * switches between them round-robin (rr.c). A process that exits gives its
 * memory back at once; when the last one has, the kernel reports the free
 * frames and powers off.
 */
#include "task/task.h"

static struct proc procs[MAX_TASKS];
static struct thread threads[MAX_TASKS];
static uint8_t kstacks[MAX_TASKS][KSTACK_SIZE] __attribute__((aligned(16)));
static int n, alive;
static size_t free_before;

struct thread *thread_table(int *count)
{
	*count = n;
	return threads;
}

static void load_all(void)
{
	int apps = app_count();
	if (apps > MAX_TASKS) {
		warn("only the first %d of %d programs fit", MAX_TASKS, apps);
		apps = MAX_TASKS;
	}
	for (int i = 0; i < apps; i++) {
		struct proc *p = &procs[n];
		struct thread *t = &threads[n];
		p->id = n;
		p->name = app_get(i)->name;
		if (program_load(p, n, app_get(i), &t->tf) != 0)
			continue;
		p->main = p->threads[0] = t;
		p->nthreads = 1;
		p->state = PROC_ALIVE;
		t->proc = p;
		t->kstack = kstacks[n];
		hal_context_init(&t->ctx, t->kstack + KSTACK_SIZE, thread_entry);
		t->state = TASK_READY;
		n++;
	}
	alive = n;
	info("loaded %d programs", n);
}

/* On the exited thread's own kernel stack, with its page table still
   active: switch to the kernel's, then free the program. */
void thread_exited(struct thread *t)
{
	struct proc *p = t->proc;
	if (!p->killed) /* a killed one has said why already; no parent waits */
		printf("[kernel] %s exited with code %d\n", p->name, p->exit_code);
	hal_pt_activate(NULL);
	program_unload(p);
	if (--alive > 0)
		return;
	textcache_drop(); /* the kept program pages are not a leak */
	printf("[kernel] free frames: %lu before loading the programs, %lu after they ended\n",
	       free_before, frame_free_count());
	printf("All applications completed!\n");
	hal_power_off(false);
}

void run_apps(void)
{
	free_before = frame_free_count();
	load_all();
	if (n == 0) {
		printf("All applications completed!\n");
		hal_power_off(false);
	}
	schedule();
}
