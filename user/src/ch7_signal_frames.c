/* ch7_signal_frames - how the kernel runs signal handlers (chapter 7),
   with raw system calls: a handler that ends with sigreturn resumes the
   interrupted code with the return value of its system call intact;
   a second, different signal runs nested inside a handler; the same
   signal waits until its handler is done; a signal cuts a sleep short
   (-EINTR) after its handler ran; a fault runs the SIGSEGV handler; and a
   handler in kernel space, sigreturn without a frame, a handler that
   returns without sigreturn, or a blocked fault end the process with
   SIGSEGV's code (-11). Prints one line per check. */
#include "ulib.h"
#include "abi/signal.h"

static long sig_action(int sig, uint64_t handler, uint32_t mask)
{
	struct sigaction act = {handler, mask, 0};
	return __syscall(SYS_SIGACTION, sig, (long)&act, 0, 0, 0, 0);
}

static long sig_kill(long pid, int sig)
{
	return __syscall(SYS_KILL, pid, sig, 0, 0, 0, 0);
}

static void sig_return(void)
{
	__syscall(SYS_SIGRETURN, 0, 0, 0, 0, 0, 0);
}

static volatile int order[8], norder;

static void record(int what)
{
	if (norder < 8)
		order[norder++] = what;
}

static void on_usr2(int sig)
{
	record(sig * 10);
	sig_return();
}

static void on_usr1(int sig)
{
	record(sig);
	if (norder == 1) {
		/* a different signal, delivered inside this handler */
		sig_kill(getpid(), SIGUSR2);
		/* the same signal: blocked until this handler is done */
		sig_kill(getpid(), SIGUSR1);
	}
	record(-sig);
	sig_return();
}

static void on_segv(int sig)
{
	exit(40 + sig);
}

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "OK" : "FAIL", what);
	if (!ok)
		exit(1);
}

/* Run f in a child; its exit code. */
static int in_child(void (*f)(void))
{
	long pid = fork();
	if (pid == 0) {
		f();
		exit(0);
	}
	int code = 0;
	waitpid(pid, &code);
	return code;
}

static void handler_in_kernel(void)
{
	sig_action(SIGUSR1, 0xffffffff80000000UL, 0);
	sig_kill(getpid(), SIGUSR1);
}

static void return_without_sigreturn_handler(int sig)
{
	(void)sig;
}

static void return_without_sigreturn(void)
{
	sig_action(SIGUSR1, (uint64_t)return_without_sigreturn_handler, 0);
	sig_kill(getpid(), SIGUSR1);
}

static void sigreturn_without_frame(void)
{
	sig_return();
}

static void blocked_fault(void)
{
	sig_action(SIGSEGV, (uint64_t)on_segv, 0);
	__syscall(SYS_SIGPROCMASK, SIGMASK(SIGSEGV), 0, 0, 0, 0, 0);
	*(volatile int *)0 = 1;
}

static void handled_fault(void)
{
	sig_action(SIGSEGV, (uint64_t)on_segv, 0);
	*(volatile int *)0 = 1;
}

int main(void)
{
	check(sig_action(SIGUSR1, (uint64_t)on_usr1, 0) == 0, "sigaction SIGUSR1");
	check(sig_action(SIGUSR2, (uint64_t)on_usr2, 0) == 0, "sigaction SIGUSR2");
	check(sig_action(SIGKILL, (uint64_t)on_usr1, 0) < 0, "sigaction SIGKILL refused");
	check(sig_action(NSIG, (uint64_t)on_usr1, 0) < 0, "sigaction of signal 32 refused");
	check(sig_kill(getpid(), 0) < 0 && sig_kill(getpid(), NSIG) < 0, "kill of signal 0, 32");
	check(sig_kill(100000, SIGUSR1) < 0, "kill of a missing pid");

	long r = sig_kill(getpid(), SIGUSR1);
	check(r == 0, "kill returns 0 after the handler ran");
	printf("order:");
	for (int i = 0; i < norder; i++)
		printf(" %d", order[i]);
	printf("\n");
	check(norder == 5 && order[0] == SIGUSR1 && order[1] == SIGUSR2 * 10 &&
		  order[2] == -SIGUSR1 && order[3] == SIGUSR1 && order[4] == -SIGUSR1,
	      "nested SIGUSR2 inside SIGUSR1, second SIGUSR1 after the first");

	long me = getpid(), pid = fork();
	if (pid == 0) {
		norder = 0;
		long t0 = get_time();
		long s = __syscall(SYS_SLEEP, 5000, 0, 0, 0, 0, 0);
		long took = get_time() - t0;
		exit(s == -EINTR && norder >= 1 && took < 4000 ? 0 : 2);
	}
	__syscall(SYS_SLEEP, 100, 0, 0, 0, 0, 0);
	sig_kill(pid, SIGUSR1);
	int code = -1;
	waitpid(pid, &code);
	check(code == 0, "a signal cuts sleep short with -EINTR after its handler");
	(void)me;

	check(in_child(handled_fault) == 40 + SIGSEGV, "a store to NULL runs the SIGSEGV handler");
	check(in_child(blocked_fault) == -SIGSEGV, "a fault with SIGSEGV blocked kills (-11)");
	check(in_child(handler_in_kernel) == -SIGSEGV, "a handler in kernel space kills (-11)");
	check(in_child(sigreturn_without_frame) == -SIGSEGV,
	      "sigreturn without a frame kills (-11)");
	check(in_child(return_without_sigreturn) == -SIGSEGV,
	      "a handler returning without sigreturn kills (-11)");
	printf("ch7_signal_frames passed!\n");
	return 0;
}
