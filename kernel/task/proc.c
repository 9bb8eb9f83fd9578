/*
 * proc.c - processes (chapter 5+): the process table, fork, exec, spawn,
 * exit and waitpid. The scheduler is sched.c, its policy stride.c.
 *
 * The process table has NPROC slots, the thread table NTHREAD, each thread
 * with its kernel stack; a process has one thread, its main thread, until
 * chapter 8. The first process,
 * initproc, is the program named INIT_PROGRAM; every other one is made by
 * fork or spawn. A process that exits frees its address space at once and
 * stays a zombie until its parent reaps it with waitpid; its children go to
 * initproc. When initproc exits the kernel reports and powers off.
 */
#include "task/task.h"
#include "task/args.h"
#include "irq.h"
#if CHAPTER >= 9
#include "fs/bcache.h"
#include "net/net.h"
#endif

#ifndef INIT_PROGRAM
#define INIT_PROGRAM "ch5b_initproc"
#endif
static struct proc procs[NPROC];
static struct thread threads[NTHREAD];
static uint8_t kstacks[NTHREAD][KSTACK_SIZE] __attribute__((aligned(16)));
static struct proc *initproc;
static int next_pid = 1;
/* Slots [0, nprocs) of the process table and [0, nthreads) of the thread
   table have been used: the scheduler and the searches for children look
   no further. */
static int nprocs, nthreads;
static size_t free_frames_at_boot;

/* A free thread slot for `p` with the lowest free tid of `p`, its kernel
   stack and a fresh context; NULL if `p` has PROC_THREADS threads or the
   table is full. It stays TASK_UNINIT until made READY. */
static struct thread *thread_alloc(struct proc *p)
{
	int tid = 0;
	while (tid < PROC_THREADS && p->threads[tid] != NULL)
		tid++;
	if (tid == PROC_THREADS)
		return NULL;
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = &threads[i];
		if (t->state != TASK_UNINIT || t->proc != NULL)
			continue;
		memset(t, 0, sizeof(*t));
		t->proc = p;
		t->tid = tid;
		p->threads[tid] = t;
		p->nthreads++;
		t->priority = 16;
		t->kstack = kstacks[i];
		hal_context_init(&t->ctx, t->kstack + KSTACK_SIZE, thread_entry);
		if (i + 1 > nthreads)
			nthreads = i + 1;
		return t;
	}
	return NULL;
}

/* A free process slot with a pid and its main thread; NULL if either
   table is full. */
static struct proc *proc_alloc(struct proc *parent, const char *name)
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &procs[i];
		if (p->state != PROC_FREE)
			continue;
		memset(p, 0, sizeof(*p));
		struct thread *t = thread_alloc(p);
		if (t == NULL)
			return NULL;
		p->id = i;
		p->pid = next_pid++;
		p->parent = parent;
		strncpy_safe(p->name_buf, name, sizeof(p->name_buf));
		p->name = p->name_buf;
		p->main = t;
		p->pgid = parent != NULL ? parent->pgid : p->pid;
		t->pass = parent != NULL ? parent->main->pass : 0;
		p->state = PROC_ALIVE;
		if (i + 1 > nprocs)
			nprocs = i + 1;
		return p;
	}
	return NULL;
}

/* Give the slot of thread `t` back (it has exited, or never ran). */
static void thread_free(struct thread *t)
{
	t->proc->threads[t->tid] = NULL;
	t->state = TASK_UNINIT;
	t->proc = NULL;
}

/* Give the slots of a reaped (or never started) process back. */
static void proc_free(struct proc *p)
{
	if (p->vm.pt != NULL)
		program_unload(p);
	for (int i = 0; i < PROC_THREADS; i++)
		if (p->threads[i] != NULL)
			thread_free(p->threads[i]);
	sync_free(p);
	p->state = PROC_FREE;
}

uint64_t thread_stack_top(int tid)
{
	return USER_STACK_TOP - (uint64_t)tid * (USER_STACK_SIZE + HAL_PAGE_SIZE);
}

int thread_create(struct thread *from, uint64_t entry, uint64_t arg)
{
	struct proc *p = from->proc;
	struct thread *t = thread_alloc(p);
	if (t == NULL)
		return -1;
	uint64_t top = thread_stack_top(t->tid);
	if (vm_map(&p->vm, top - USER_STACK_SIZE, top, HAL_PTE_R | HAL_PTE_W | HAL_PTE_U,
		   AREA_STACK) != 0) {
		p->nthreads--;
		thread_free(t);
		return -1;
	}
	hal_tf_init(&t->tf, entry, top);
	hal_tf_call(&t->tf, entry, top, arg); /* entry(arg), returning to 0 */
	t->priority = from->priority;
	t->pass = from->pass;
	t->sig_mask = from->sig_mask;
	t->state = TASK_READY;
	return t->tid;
}

long thread_wait(struct proc *p, int tid)
{
	if (tid < 0 || tid >= PROC_THREADS || p->threads[tid] == NULL)
		return -1;
	struct thread *t = p->threads[tid];
	if (t == current_thread())
		return -1;
	if (t->state != TASK_EXITED)
		return -2;
	long code = t->exit_code;
	thread_free(t); /* its stacks went when it exited */
	return code;
}

struct proc *proc_fork(struct thread *from)
{
	struct proc *parent = from->proc;
	struct proc *p = proc_alloc(parent, parent->name);
	if (p == NULL)
		return NULL;
	if (vm_clone(&p->vm, &parent->vm) != 0) {
		proc_free(p);
		return NULL;
	}
	struct thread *t = p->main;
	t->tf = from->tf;
	hal_tf_set_ret(&t->tf, 0); /* fork returns 0 in the child */
	t->priority = from->priority;
	/* signals (chapter 7): the actions, the mask and any handler being run
	   are the parent's; nothing is pending */
	memcpy(p->sig_actions, parent->sig_actions, sizeof(p->sig_actions));
	t->sig_mask = from->sig_mask;
	t->sig_frame = from->sig_frame;
	files_init(p, parent);
	t->state = TASK_READY;
	return p;
}

struct proc *proc_spawn(struct proc *parent, const struct app *a)
{
	struct proc *p = proc_alloc(parent, a->name);
	if (p == NULL)
		return NULL;
	struct thread *t = p->main;
	char *argv[1] = {p->name_buf};
	if (program_load(p, p->id, a, &t->tf) != 0) {
		proc_free(p);
		return NULL;
	}
	if (set_entry_args(p, &t->tf, argv, 1) != 0) {
		proc_free(p);
		return NULL;
	}
	files_init(p, parent);
	t->state = TASK_READY;
	return p;
}

long proc_exec(struct thread *t, const struct app *a, char *const argv[], int argc)
{
	struct proc *p = t->proc;
	struct vm old = p->vm;
	struct trapframe tf;
	if (p->nthreads > 1)
		return -1; /* chapter 8: exec is for a process with one thread */
	if (program_load(p, p->id, a, &tf) != 0) {
		p->vm = old;
		return -1;
	}
	if (set_entry_args(p, &tf, argv, argc) != 0) {
		program_unload(p);
		p->vm = old;
		return -1;
	}
	t->tf = tf;
	/* no handler runs in the new program, and the old one's are gone */
	t->sig_frame = 0;
	for (int i = 0; i < NSIG; i++)
		if (p->sig_actions[i].handler != SIG_IGN)
			p->sig_actions[i].handler = SIG_DFL;
	hal_pt_activate(p->vm.pt);
	vm_destroy(&old);
	strncpy_safe(p->name_buf, a->name, sizeof(p->name_buf));
	/* The dispatcher stores this in the return register: on three arches
	   that is the first argument register, already argc. */
	return argc;
}

long proc_wait(struct proc *p, int pid, int *code)
{
	bool found = false;
	for (int i = 0; i < nprocs; i++) {
		struct proc *c = &procs[i];
		if (c->state == PROC_FREE || c->parent != p || (pid != -1 && c->pid != pid))
			continue;
		found = true;
		/* a zombie is reaped once its last thread is out (chapter 8:
		   the others leave on their own kernel stacks) */
		if (c->state == PROC_EXITED && c->nthreads == 0) {
			int child = c->pid;
			*code = c->exit_code;
			proc_free(c);
			return child;
		}
	}
	return found ? -2 : -1;
}

/* Thread `t` has exited (we are on its kernel stack, its page table
   active). If its process lives on (chapter 8: a thread other than the
   main one called exit), free the thread's user stack and wake whoever
   waits for it. Else, once the last thread of the process is out, free
   the process's memory and files, give its children to initproc, wake its
   parent. */
void thread_exited(struct thread *t)
{
	struct proc *p = t->proc;
	p->nthreads--;
	sync_thread_exit(t);
	if (p->state == PROC_ALIVE) {
		uint64_t top = thread_stack_top(t->tid);
		vm_unmap(&p->vm, top - USER_STACK_SIZE, top);
		wait_wake_all(&p->thread_exit);
		return;
	}
	/* The process ends (chapter 8: maybe with other threads): they leave
	   any wait, see it ending and end too, each on its own kernel stack
	   (sched.c); the last one out frees the process. */
	for (int i = 0; i < PROC_THREADS; i++) {
		struct thread *o = p->threads[i];
		if (o != NULL && o->state == TASK_BLOCKED)
			wait_remove(o);
	}
	if (p->nthreads > 0)
		return;
	hal_pt_activate(NULL);
	program_unload(p);
	files_close_all(p);
	sync_free(p);
	for (int i = 0; i < nprocs; i++)
		if (procs[i].state != PROC_FREE && procs[i].parent == p) {
			procs[i].parent = initproc;
			if (procs[i].state == PROC_EXITED) /* a zombie for initproc */
				wait_wake_all(&initproc->child_exit);
		}
	if (p->parent != NULL)
		wait_wake_all(&p->parent->child_exit);
	if (p == initproc) {
		int alive = 0;
		for (int i = 0; i < nprocs; i++)
			if (procs[i].state == PROC_ALIVE)
				alive++;
		printf("[kernel] initproc exited with code %d; %d processes still running\n",
		       p->exit_code, alive);
		vfs_sync();
		textcache_drop(); /* the kept program pages are not a leak */
		printf("[kernel] free frames: %lu at boot, %lu now\n", free_frames_at_boot,
		       frame_free_count());
		int used = 0;
		for (int i = 0; i < nthreads; i++)
			if (threads[i].state != TASK_UNINIT)
				used++;
		printf("[kernel] thread slots in use: %d (initproc's own)\n", used);
		irq_log();
#if CHAPTER >= 9
		bcache_log();
		net_log();
#endif
		hal_power_off(p->exit_code != 0);
	}
}

struct proc *proc_table(int *n)
{
	*n = nprocs;
	return procs;
}

struct proc *proc_get(int pid)
{
	for (int i = 0; i < nprocs; i++)
		if (procs[i].state != PROC_FREE && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

struct thread *thread_table(int *n)
{
	*n = nthreads;
	return threads;
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
