/* sig_tests - rCore's eight signal tests, each run in a child process
   whose exit code says whether it passed ("OK!" or "FAILED!"). */
#include "ulib.h"

static void func(int signum)
{
	(void)signum;
	printf("func triggered\n");
	sigreturn();
}

static struct sigaction catching(void)
{
	struct sigaction a = {0};
	a.handler = (uint64_t)func;
	return a;
}

/* A signal number out of range is refused. */
static void user_sig_test_failsignum(void)
{
	struct sigaction new = catching(), old;
	if (sigaction(50, &new, &old) >= 0) {
		printf("Wrong sigaction but successed!\n");
		exit(-1);
	}
}

static void user_sig_test_kill(void)
{
	struct sigaction new = catching(), old;
	if (sigaction(SIGUSR1, &new, &old) < 0) {
		printf("Sigaction failed!\n");
		exit(-1);
	}
	if (kill(getpid(), SIGUSR1) < 0) {
		printf("Kill failed!\n");
		exit(1);
	}
}

/* The child may be signalled before its handler is set: then SIGUSR1's
   default action ends it, which the parent accepts. */
static void user_sig_test_multiprocsignals(void)
{
	long pid = fork();
	if (pid == 0) {
		struct sigaction new = catching(), old;
		if (sigaction(SIGUSR1, &new, &old) < 0) {
			printf("Sigaction failed!\n");
			exit(-1);
		}
		return;
	}
	if (kill(pid, SIGUSR1) < 0) {
		printf("Kill failed!\n");
		exit(1);
	}
	int code;
	wait(&code);
}

/* Setting the old action back reports the handler we had set. */
static void user_sig_test_restore(void)
{
	struct sigaction new = catching(), old, old2;
	if (sigaction(SIGUSR1, &new, &old) < 0 || sigaction(SIGUSR1, &old, &old2) < 0) {
		printf("Sigaction failed!\n");
		exit(-1);
	}
	if (old2.handler != new.handler) {
		printf("Restore failed!\n");
		exit(-1);
	}
}

/* A blocked signal stays pending and does nothing. rCore blocks SIGSTOP
   here; POSIX does not let SIGSTOP be blocked, so we block SIGUSR1, whose
   default action would end the process. */
static void kernel_sig_test_ignore(void)
{
	sigprocmask(SIGMASK(SIGUSR1));
	if (kill(getpid(), SIGUSR1) < 0) {
		printf("kill faild\n");
		exit(-1);
	}
}

static void kernel_sig_test_stop_cont(void)
{
	long pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGSTOP);
		sleep(500);
		exit(-1);
	}
	sleep(1000);
	kill(pid, SIGCONT);
	int code;
	wait(&code);
}

static void kernel_sig_test_failignorekill(void)
{
	struct sigaction new = catching(), old;
	if (sigaction(SIGKILL, &new, &old) >= 0 || sigaction(SIGKILL, &new, NULL) >= 0 ||
	    sigaction(SIGKILL, NULL, &old) >= 0) {
		printf("Should not set sigaction to kill!\n");
		exit(-1);
	}
}

/* A child catches SIGUSR1 while it spins, then SIGKILL ends it. */
static void final_sig_test(void)
{
	struct sigaction new = catching(), old;
	int fds[2];
	assert(pipe(fds) == 0);
	long pid = fork();
	if (pid == 0) {
		close(fds[0]);
		if (sigaction(SIGUSR1, &new, &old) < 0) {
			printf("Sigaction failed!\n");
			exit(-1);
		}
		char zero = 0;
		write(fds[1], &zero, 1);
		close(fds[1]);
		for (;;)
			;
	}
	close(fds[1]);
	char buf;
	assert(read(fds[0], &buf, 1) == 1);
	close(fds[0]);
	if (kill(pid, SIGUSR1) < 0) {
		printf("Kill failed!\n");
		exit(-1);
	}
	sleep(100);
	kill(pid, SIGKILL);
}

static int run(void (*f)(void))
{
	long pid = fork();
	if (pid == 0) {
		f();
		exit(0);
	}
	int code = -1;
	waitpid(pid, &code);
	printf(code == 0 ? "OK!\n" : "FAILED!\n");
	return code == 0;
}

static const struct {
	void (*f)(void);
	const char *name;
} tests[] = {
    {user_sig_test_failsignum, "user_sig_test_failsignum"},
    {user_sig_test_kill, "user_sig_test_kill"},
    {user_sig_test_multiprocsignals, "user_sig_test_multiprocsignals"},
    {user_sig_test_restore, "user_sig_test_restore"},
    {kernel_sig_test_ignore, "kernel_sig_test_ignore"},
    {kernel_sig_test_stop_cont, "kernel_sig_test_stop_cont"},
    {kernel_sig_test_failignorekill, "kernel_sig_test_failignorekill"},
    {final_sig_test, "final_sig_test"},
};

int main(void)
{
	int failed = 0;
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		printf("Testing %s\n", tests[i].name);
		if (!run(tests[i].f))
			failed++;
	}
	if (failed == 0) {
		printf("ALL TESTS PASSED\n");
		return 0;
	}
	printf("SOME TESTS FAILED\n");
	return -1;
}
