/*
 * sys_signal.c - signals and process groups (chapter 7; task/signal.c
 * does the work):
 *   kill(pid, sig)                send sig (1..31) to process pid, to the
 *                                 caller's group if pid is 0, to group
 *                                 -pid if pid < -1: 0; -EINVAL for a bad
 *                                 signal; -ESRCH if there is no such process
 *   sigaction(sig, act, oldact)   read the old action into oldact and set
 *                                 act (either may be NULL): 0; -EINVAL for
 *                                 a bad signal, SIGKILL or SIGSTOP; -EFAULT
 *   sigprocmask(mask)             set the blocked signals (rCore: the whole
 *                                 mask at once); returns the old mask.
 *                                 SIGKILL and SIGSTOP cannot be blocked
 *   sigreturn()                   end a handler: resume what it interrupted
 *   setpgid(pid, pgid)            move process pid (0: the caller; itself
 *                                 or a child) to group pgid (0: pgid = pid)
 *   getpgid(pid)                  the group of pid (0: the caller)
 */
#include "syscall/syscall.h"

long sys_kill(struct proc *p, const uint64_t a[6])
{
	int pid = (int)a[0], sig = (int)a[1];
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (pid == 0 || pid < -1)
		return signal_send_group(pid == 0 ? p->pgid : -pid, sig);
	struct proc *target = proc_get(pid);
	if (target == NULL)
		return -ESRCH;
	return signal_send(target, sig);
}

long sys_sigaction(struct proc *p, const uint64_t a[6])
{
	int sig = (int)a[0];
	uint64_t uact = a[1], uold = a[2];
	if (sig <= 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP)
		return -EINVAL;
	struct sigaction act;
	if (uact != 0 && copy_from_user(p, &act, uact, sizeof(act)) != 0)
		return -EFAULT;
	if (uold != 0 && copy_to_user(p, uold, &p->sig_actions[sig], sizeof(act)) != 0)
		return -EFAULT;
	if (uact != 0) {
		act.pad = 0;
		p->sig_actions[sig] = act;
		if (act.handler == SIG_IGN) /* what is pending now is dropped too */
			p->sig_pending &= ~SIGMASK(sig);
	}
	return 0;
}

long sys_sigprocmask(struct proc *p, const uint64_t a[6])
{
	(void)p;
	struct thread *t = current_thread();
	uint32_t old = t->sig_mask;
	t->sig_mask = (uint32_t)a[0] & ~(SIGMASK(SIGKILL) | SIGMASK(SIGSTOP));
	return old;
}

long sys_sigreturn(struct proc *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return signal_return(current_thread());
}

long sys_setpgid(struct proc *p, const uint64_t a[6])
{
	int pid = (int)a[0], pgid = (int)a[1];
	struct proc *target = pid == 0 ? p : proc_get(pid);
	if (target == NULL || (target != p && target->parent != p))
		return -ESRCH;
	if (pgid < 0)
		return -EINVAL;
	target->pgid = pgid == 0 ? target->pid : pgid;
	return 0;
}

long sys_getpgid(struct proc *p, const uint64_t a[6])
{
	int pid = (int)a[0];
	struct proc *target = pid == 0 ? p : proc_get(pid);
	return target != NULL ? target->pgid : -ESRCH;
}
