/*
 * sys_proc.c - process system calls (chapter 5):
 *   getpid()                 the caller's pid
 *   fork()                   child pid in the parent, 0 in the child; -1 if
 *                            the process table or memory is full
 *   exec(path, argv)         run program `path` with argv (NULL-terminated);
 *                            -1 if there is no such program, -EFAULT or
 *                            -E2BIG for bad or too many arguments (args.c)
 *   waitpid(pid, &code, options)  reap an exited child (pid -1: any
 *                            child): its pid; -1 if no such child, -2 if
 *                            it has not exited yet (rCore semantics: it
 *                            does not block), unless options has
 *                            WAIT_BLOCKING: then it sleeps until a child
 *                            exits (the user library asks for that)
 *   spawn(path)              fork + exec in one step: child pid or -1
 *   set_priority(p)          stride priority p >= 2: returns p, else -1;
 *                            the scheduler counts at most PRIORITY_MAX
 *   getppid()                the parent's pid (an orphan's is initproc's);
 *                            0 for initproc
 */
#include "syscall/syscall.h"
#include "task/args.h"

#define MAX_PATH 64

long sys_getpid(struct proc *p, const uint64_t a[6])
{
	(void)a;
	return p->pid;
}

long sys_getppid(struct proc *p, const uint64_t a[6])
{
	(void)a;
	return p->parent != NULL ? p->parent->pid : 0;
}

long sys_fork(struct proc *p, const uint64_t a[6])
{
	(void)a;
	struct proc *child = proc_fork(current_thread());
	if (child == NULL) {
		warn("fork: %s (pid %d): no free process slot or memory", p->name, p->pid);
		return -1;
	}
	return child->pid;
}

long sys_exec(struct proc *p, const uint64_t a[6])
{
	char path[MAX_PATH];
	struct exec_args args;
	if (copy_str_from_user(p, path, a[0], sizeof(path)) < 0)
		return -1;
	long err = args_copy_in(p, a[1], path, &args); /* task/args.c */
	if (err != 0)
		return err;
	const struct app *app = app_find(path);
	long ret = -1;
	if (app != NULL) {
		ret = proc_exec(current_thread(), app, args.argv, args.argc);
		app_put(app);
	}
	args_free(&args);
	return ret;
}

long sys_waitpid(struct proc *p, const uint64_t a[6])
{
	int pid = (int)a[0], code;
	uint64_t ucode = a[1];
	if (ucode != 0 && check_user(p, ucode, sizeof(int), true) != 0)
		return -EFAULT;
	long ret;
	while ((ret = proc_wait(p, pid, &code)) == -2 && (a[2] & WAIT_BLOCKING))
		if (wait_sleep_intr(&p->child_exit) != 0)
			return -EINTR;
	if (ret > 0 && ucode != 0)
		copy_to_user(p, ucode, &code, sizeof(code));
	return ret;
}

long sys_spawn(struct proc *p, const uint64_t a[6])
{
	/* LAB 5 spawn: BEGIN */
	char path[MAX_PATH];
	if (copy_str_from_user(p, path, a[0], sizeof(path)) < 0)
		return -1;
	const struct app *app = app_find(path);
	if (app == NULL)
		return -1;
	struct proc *child = proc_spawn(p, app);
	app_put(app);
	return child != NULL ? child->pid : -1;
	/* LAB 5 spawn: STUB
	(void)p, (void)a;
	return -1;
	   LAB 5 spawn: END */
}

long sys_set_priority(struct proc *p, const uint64_t a[6])
{
	/* LAB 5 set_priority: BEGIN */
	(void)p;
	int64_t prio = (int64_t)a[0];
	if (prio < PRIORITY_MIN)
		return -1;
	current_thread()->priority = stride_priority(prio); /* bounded: see stride.c */
	return prio;
	/* LAB 5 set_priority: STUB
	(void)p, (void)a;
	return -1;
	   LAB 5 set_priority: END */
}
