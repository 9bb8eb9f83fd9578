/*
 * signal.c - sigaction() and the handler trampoline.
 *
 * The kernel starts a handler with the signal number as its first argument
 * but with no return address it could use: a handler must end with
 * sigreturn(). So the kernel is given one entry point, __sig_entry, for
 * every caught signal; it calls the program's handler from the table below
 * and then sigreturn(). A handler may still call sigreturn() itself (rCore's
 * test programs do): the kernel then resumes the interrupted code at once
 * and __sig_entry never gets control back. oldact reports the program's
 * handler, never the trampoline. The table is copied by fork, and exec
 * starts a fresh one (the kernel resets caught signals to SIG_DFL).
 */
#include "ulib.h"

static uint64_t handlers[NSIG]; /* the program's handler per signal */

static void __sig_entry(int signum)
{
	if (signum > 0 && signum < NSIG && handlers[signum] > SIG_IGN)
		((void (*)(int))handlers[signum])(signum);
	sigreturn();
	/* sigreturn returns only if the kernel has no frame to restore */
	printf("__sig_entry: sigreturn failed\n");
	exit(-SIGSEGV);
}

long sigaction(int signum, const struct sigaction *act, struct sigaction *oldact)
{
	int ours = signum > 0 && signum < NSIG;
	struct sigaction kact, kold;
	uint64_t previous = ours ? handlers[signum] : 0;
	if (act != NULL) {
		kact = *act;
		if (act->handler > SIG_IGN)
			kact.handler = (uint64_t)__sig_entry;
		if (ours) /* before the call: the signal may come at once */
			handlers[signum] = act->handler;
	}
	long r = __syscall(SYS_SIGACTION, signum, act ? (long)&kact : 0, oldact ? (long)&kold : 0,
			   0, 0, 0);
	if (r < 0) {
		if (ours)
			handlers[signum] = previous;
		return r;
	}
	if (oldact != NULL) {
		*oldact = kold;
		if (kold.handler == (uint64_t)__sig_entry)
			oldact->handler = previous;
	}
	return r;
}
