/*
 * signal.c - signals (chapter 7): sending, delivery, handlers, stop and
 * continue, and faults as signals.
 *
 * Sending a signal sets a bit in the process's pending set (one bit per
 * signal: a second SIGUSR1 before the first is delivered is one SIGUSR1)
 * and wakes its thread if it sleeps, so that a wait it can give up
 * (wait_sleep_intr: a pipe, the console, waitpid, sleep) returns -EINTR.
 * Signals whose action is to be ignored are dropped when sent.
 *
 * A thread acts on its pending signals each time it is about to return to
 * user mode (signal_deliver, from the scheduler's thread loop): the lowest
 * pending signal it does not block is taken; its default action ends the
 * process (exit code -signum, as rCore), stops it until SIGCONT, or
 * ignores it; a user handler runs on the user stack:
 *
 *	  higher addresses   the interrupted code's stack
 *	                     (128 bytes skipped: x86_64's red zone)
 *	  frame ->           struct sigframe: the whole trap frame, the mask
 *	                     to restore, the previous frame, a magic number
 *	  frame - 16         16 zero bytes: x86_64's return-address slot
 *	  handler's sp       frame (x86_64: frame - 8, as after a call)
 *
 * The handler starts with the signal number as its first argument and a
 * return address of 0; it ends with sigreturn (139), which reads the
 * frame back and resumes the interrupted code with every register as it
 * was, the return value of an interrupted system call included. Frames
 * are linked (sigreturn finds the innermost one through t->sig_frame, so
 * a handler may call it at any stack depth), and the signal and the
 * action's mask are blocked while the handler runs: a different signal
 * can arrive inside a handler and gets its own frame below.
 *
 * A fault (user_fault) prints why and sends the signal to the faulting
 * thread; if that signal is blocked or ignored there, it cannot be
 * delivered and would fault again: its action is reset to the default and
 * the process dies, as on Linux.
 */
#include "task/task.h"

#define SIGFRAME_MAGIC 0x5349474652414d45UL /* "SIGFRAME" */
#define RED_ZONE 128
#define UNBLOCKABLE (SIGMASK(SIGKILL) | SIGMASK(SIGSTOP))

struct sigframe {
	struct trapframe tf; /* the interrupted state; scratch words zeroed */
	uint64_t mask;	     /* the mask to restore */
	uint64_t prev;	     /* the frame this handler interrupted, or 0 */
	uint64_t magic;
	uint64_t pad;
};

static const char *const names[NSIG] = {
    "0",	 "SIGHUP",  "SIGINT",	 "SIGQUIT", "SIGILL",	"SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE",	 "SIGKILL", "SIGUSR1",	 "SIGSEGV", "SIGUSR2",	"SIGPIPE", "SIGALRM", "SIGTERM",
    "SIGSTKFLT", "SIGCHLD", "SIGCONT",	 "SIGSTOP", "SIGTSTP",	"SIGTTIN", "SIGTTOU", "SIGURG",
    "SIGXCPU",	 "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS",
};

enum default_action { TERMINATE, IGNORE, STOP };

static enum default_action default_action(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
		return IGNORE;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return STOP;
	default:
		return TERMINATE;
	}
}

/* Would `sig` be thrown away by `p` on arrival? */
static bool ignored(struct proc *p, int sig)
{
	uint64_t h = p->sig_actions[sig].handler;
	return h == SIG_IGN || (h == SIG_DFL && default_action(sig) == IGNORE);
}

int signal_send(struct proc *p, int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (p->state != PROC_ALIVE)
		return 0;     /* a zombie: nothing left to signal */
	if (sig == SIGCONT) { /* continues even when ignored or blocked */
		p->sig_pending &=
		    ~(SIGMASK(SIGSTOP) | SIGMASK(SIGTSTP) | SIGMASK(SIGTTIN) | SIGMASK(SIGTTOU));
		if (p->stopped) {
			p->stopped = false;
			wait_wake_all(&p->stopped_wait);
		}
	}
	if (default_action(sig) == STOP)
		p->sig_pending &= ~SIGMASK(SIGCONT);
	if (ignored(p, sig) && sig != SIGKILL && sig != SIGSTOP)
		return 0;
	p->sig_pending |= SIGMASK(sig);
	/* Wake a thread that can take it: its wait returns -EINTR (or it goes
	   on stopping). Any thread that does not block it delivers it. */
	for (int i = 0; i < PROC_THREADS; i++) {
		struct thread *t = p->threads[i];
		if (t == NULL || t->state == TASK_EXITED ||
		    ((t->sig_mask & SIGMASK(sig)) && sig != SIGKILL && sig != SIGSTOP))
			continue;
		if (t->state == TASK_BLOCKED)
			wait_remove(t);
		break;
	}
	return 0;
}

int signal_send_group(int pgid, int sig)
{
	int n, found = 0;
	struct proc *procs = proc_table(&n);
	for (int i = 0; i < n; i++)
		if (procs[i].state == PROC_ALIVE && procs[i].pgid == pgid) {
			signal_send(&procs[i], sig);
			found++;
		}
	return found > 0 ? 0 : -ESRCH;
}

bool signal_pending(struct thread *t)
{
	struct proc *p = t->proc;
	return p->state != PROC_ALIVE || (p->sig_pending & (~t->sig_mask | UNBLOCKABLE)) != 0;
}

bool signal_fatal(struct thread *t)
{
	struct proc *p = t->proc;
	if (p->state != PROC_ALIVE || (p->sig_pending & SIGMASK(SIGKILL)))
		return true;
	uint32_t ready = p->sig_pending & ~t->sig_mask;
	for (int sig = 1; sig < NSIG; sig++)
		if ((ready & SIGMASK(sig)) && p->sig_actions[sig].handler == SIG_DFL &&
		    default_action(sig) == TERMINATE)
			return true;
	return false;
}

void user_fault(struct thread *t, int sig, const char *fmt, ...)
{
	struct proc *p = t->proc;
	va_list ap;
	va_start(ap, fmt);
	printf("[kernel] %s: ", p->name);
	vprintf(fmt, ap);
	printf(", %s\n", names[sig]);
	va_end(ap);
	if ((t->sig_mask & SIGMASK(sig)) || p->sig_actions[sig].handler == SIG_IGN) {
		p->sig_actions[sig].handler = SIG_DFL; /* it cannot be handled: it kills */
		t->sig_mask &= ~SIGMASK(sig);
	}
	p->sig_pending |= SIGMASK(sig);
}

/* Push a frame for `sig` and start its handler; false if the frame does
   not fit on the user stack. */
static bool run_handler(struct thread *t, int sig)
{
	struct proc *p = t->proc;
	const struct sigaction *act = &p->sig_actions[sig];
	struct sigframe f;
	memset(&f, 0, sizeof(f));
	f.tf = t->tf;
	memset(f.tf.kscratch, 0, sizeof(f.tf.kscratch)); /* kernel addresses stay in */
	f.mask = t->sig_mask;
	f.prev = t->sig_frame;
	f.magic = SIGFRAME_MAGIC;
	uint64_t sp = hal_tf_sp(&t->tf);
	uint64_t frame = ROUND_DOWN(sp - RED_ZONE - sizeof(f), 16);
	uint64_t zero[2] = {0, 0};
	if (sp < RED_ZONE + sizeof(f) + 16 || copy_to_user(p, frame, &f, sizeof(f)) != 0 ||
	    copy_to_user(p, frame - 16, zero, sizeof(zero)) != 0)
		return false;
	t->sig_frame = frame;
	t->sig_mask |= (act->mask | SIGMASK(sig)) & ~UNBLOCKABLE;
	hal_tf_call(&t->tf, act->handler, frame, sig);
	return true;
}

/* End the process of `t` because of `sig`. */
static void terminate(struct thread *t, int sig)
{
	debug("%s (pid %d) ends by %s", t->proc->name, t->proc->pid, names[sig]);
	proc_exit(t->proc, -sig);
	t->proc->killed = true;
}

/* While the process is stopped, every thread of it that comes this way
   sleeps, until SIGCONT, SIGKILL or the end of the process. */
static void stay_stopped(struct proc *p)
{
	while (p->stopped && (p->sig_pending & SIGMASK(SIGKILL)) == 0 && p->state == PROC_ALIVE)
		wait_sleep(&p->stopped_wait);
}

void signal_deliver(struct thread *t)
{
	struct proc *p = t->proc;
	while (p->state == PROC_ALIVE) {
		stay_stopped(p);
		uint32_t ready = p->sig_pending & (~t->sig_mask | UNBLOCKABLE);
		if (ready == 0)
			return;
		int sig = 1;
		while ((ready & SIGMASK(sig)) == 0) /* the lowest first */
			sig++;
		p->sig_pending &= ~SIGMASK(sig);
		uint64_t handler = p->sig_actions[sig].handler;
		if (sig == SIGKILL || (handler == SIG_DFL && default_action(sig) == TERMINATE)) {
			terminate(t, sig);
			return;
		}
		if (sig == SIGSTOP || (handler == SIG_DFL && default_action(sig) == STOP)) {
			p->stopped = true; /* the other threads stop on their way out */
			continue;
		}
		if (handler == SIG_DFL || handler == SIG_IGN)
			continue;
		if (!run_handler(t, sig)) {
			printf("[kernel] %s: no room on the stack for a %s frame, SIGSEGV\n",
			       p->name, names[sig]);
			terminate(t, SIGSEGV);
		}
		return; /* the handler runs first; the next return looks again */
	}
}

long signal_return(struct thread *t)
{
	struct proc *p = t->proc;
	struct sigframe f;
	if (t->sig_frame == 0 || copy_from_user(p, &f, t->sig_frame, sizeof(f)) != 0 ||
	    f.magic != SIGFRAME_MAGIC) {
		user_fault(t, SIGSEGV, "sigreturn without a signal frame at %p",
			   (void *)t->sig_frame);
		return 0;
	}
	hal_tf_restore(&t->tf, &f.tf);
	t->sig_mask = (uint32_t)f.mask & ~UNBLOCKABLE;
	t->sig_frame = f.prev;
	return hal_tf_ret(&t->tf);
}

const char *signal_name(int sig)
{
	return sig > 0 && sig < NSIG ? names[sig] : "?";
}
