/*
 * proc.c - processes (chapter 5+): the process table, fork, exec, spawn,
 * exit and waitpid. The scheduler is sched.c, its policy stride.c.
 *
 * The table has NPROC slots, each with its kernel stack. The first process,
 * initproc, is the program named INIT_PROGRAM; every other one is made by
 * fork or spawn. A process that exits frees its address space at once and
 * stays a zombie until its parent reaps it with waitpid; its children go to
 * initproc. When initproc exits the kernel reports and powers off.
 */
#include "task/task.h"
#include "task/args.h"

#ifndef INIT_PROGRAM
#define INIT_PROGRAM "ch5b_initproc"
#endif
static struct task procs[NPROC];
static uint8_t kstacks[NPROC][KSTACK_SIZE] __attribute__((aligned(16)));
static struct task *initproc;
static int next_pid = 1;
/* Slots [0, nslots) have been used: the scheduler and the searches for
   children look no further. */
static int nslots;
static size_t free_frames_at_boot;

/* A free slot, set up with a pid, a kernel stack and a fresh context. */
static struct task *proc_alloc(struct task *parent, const char *name)
{
	for (int i = 0; i < NPROC; i++) {
		struct task *t = &procs[i];
		if (t->state != TASK_UNINIT)
			continue;
		memset(t, 0, sizeof(*t));
		t->id = i;
		t->pid = next_pid++;
		t->parent = parent;
		strncpy_safe(t->name_buf, name, sizeof(t->name_buf));
		t->name = t->name_buf;
		t->priority = 16;
		t->pass = parent != NULL ? parent->pass : 0;
		t->kstack = kstacks[i];
		hal_context_init(&t->ctx, t->kstack + KSTACK_SIZE, task_entry);
		if (i + 1 > nslots)
			nslots = i + 1;
		return t;
	}
	return NULL;
}

/* Give the slot of a reaped (or never started) process back. */
static void proc_free(struct task *t)
{
	if (t->vm.pt != NULL)
		program_unload(t);
	t->state = TASK_UNINIT;
}

struct task *proc_fork(struct task *parent)
{
	struct task *t = proc_alloc(parent, parent->name);
	if (t == NULL)
		return NULL;
	if (vm_clone(&t->vm, &parent->vm) != 0) {
		proc_free(t);
		return NULL;
	}
	t->tf = parent->tf;
	hal_tf_set_ret(&t->tf, 0); /* fork returns 0 in the child */
	files_init(t, parent);
	t->priority = parent->priority;
	t->state = TASK_READY;
	return t;
}

struct task *proc_spawn(struct task *parent, const struct app *a)
{
	struct task *t = proc_alloc(parent, a->name);
	if (t == NULL)
		return NULL;
	char *argv[1] = {t->name_buf};
	if (program_load(t, t->id, a) != 0) {
		t->state = TASK_UNINIT;
		return NULL;
	}
	if (set_entry_args(t, argv, 1) != 0) {
		program_unload(t);
		t->state = TASK_UNINIT;
		return NULL;
	}
	files_init(t, parent);
	t->state = TASK_READY;
	return t;
}

long proc_exec(struct task *t, const struct app *a, char *const argv[], int argc)
{
	struct vm old = t->vm;
	struct trapframe old_tf = t->tf;
	if (program_load(t, t->id, a) != 0) {
		t->vm = old;
		return -1;
	}
	if (set_entry_args(t, argv, argc) != 0) {
		program_unload(t);
		t->vm = old;
		t->tf = old_tf;
		return -1;
	}
	hal_pt_activate(t->vm.pt);
	vm_destroy(&old);
	strncpy_safe(t->name_buf, a->name, sizeof(t->name_buf));
	/* The dispatcher stores this in the return register: on three arches
	   that is the first argument register, already argc. */
	return argc;
}

long proc_wait(struct task *t, int pid, int *code)
{
	bool found = false;
	for (int i = 0; i < nslots; i++) {
		struct task *c = &procs[i];
		if (c->state == TASK_UNINIT || c->parent != t || (pid != -1 && c->pid != pid))
			continue;
		found = true;
		if (c->state == TASK_EXITED) {
			int child = c->pid;
			*code = c->exit_code;
			proc_free(c);
			return child;
		}
	}
	return found ? -2 : -1;
}

/* `t` has exited (we are on its kernel stack, its page table active):
   free its memory, give its children to initproc, wake its parent. */
void task_exited(struct task *t)
{
	hal_pt_activate(NULL);
	program_unload(t);
	files_close_all(t);
	for (int i = 0; i < nslots; i++)
		if (procs[i].state != TASK_UNINIT && procs[i].parent == t) {
			procs[i].parent = initproc;
			if (procs[i].state == TASK_EXITED) /* a zombie for initproc */
				wait_wake_all(&initproc->child_exit);
		}
	if (t->parent != NULL)
		wait_wake_all(&t->parent->child_exit);
	if (t == initproc) {
		int alive = 0;
		for (int i = 0; i < nslots; i++)
			if (procs[i].state == TASK_READY || procs[i].state == TASK_RUNNING ||
			    procs[i].state == TASK_BLOCKED)
				alive++;
		printf("[kernel] initproc exited with code %d; %d processes still running\n",
		       t->exit_code, alive);
		vfs_sync();
		printf("[kernel] free frames: %lu at boot, %lu now\n", free_frames_at_boot,
		       frame_free_count());
		hal_power_off(t->exit_code != 0);
	}
}

struct task *task_table(int *n)
{
	*n = nslots;
	return procs;
}

void run_apps(void)
{
	free_frames_at_boot = frame_free_count();
	const struct app *init = app_find(INIT_PROGRAM);
	if (init == NULL || (initproc = proc_spawn(NULL, init)) == NULL) {
		printf("[kernel] cannot start initproc %s; powering off\n", INIT_PROGRAM);
		hal_power_off(true);
	}
	app_put(init);
	info("initproc: %s, pid %d", INIT_PROGRAM, initproc->pid);
	schedule();
}
