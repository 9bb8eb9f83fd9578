/*
 * nosignal.c - chapters 2-6 have no signals: a fault kills the process
 * at once with rCore's exit codes (-2 for a memory fault, -3 for a bad
 * instruction), nothing is ever pending, and nobody can be interrupted.
 * Chapter 7 replaces this file with signal.c.
 */
#include "task/task.h"

void user_fault(struct thread *t, int sig, const char *fmt, ...)
{
	struct proc *p = t->proc;
	int code = sig == SIGSEGV || sig == SIGBUS ? EXIT_MEMORY_FAULT : EXIT_BAD_INSTRUCTION;
	va_list ap;
	va_start(ap, fmt);
	printf("[kernel] %s: ", p->name);
	vprintf(fmt, ap);
	printf(", killed\n");
	va_end(ap);
	proc_exit(p, code);
	p->killed = true;
}

void signal_deliver(struct thread *t)
{
	(void)t;
}

bool signal_pending(struct thread *t)
{
	(void)t;
	return false;
}

int signal_send_group(int pgid, int sig)
{
	(void)pgid, (void)sig;
	return -ESRCH;
}
