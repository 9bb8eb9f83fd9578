/* ch7_bad - bad input to chapter 7's system calls: each must fail with an
   error or end the calling process, never the kernel, and leak nothing.
   One OK/FAIL line per check, then a summary. Pointers that are bad on
   purpose go through __syscall: the library wrappers would touch them. */
#include "ulib.h"

#define KERNEL_ADDR 0xfffffffffffff000UL /* the kernel half, or no address at all */
#define UNMAPPED 0x8000UL		 /* below every program: never mapped */
#define AREA 0x30000000UL		 /* free: between the heap and the stack */

static int checks, failures;

static void check(int ok, const char *what)
{
	checks++;
	failures += !ok;
	printf("%s: %s\n", ok ? "OK" : "FAIL", what);
}

static long sys(long n, long a0, long a1, long a2)
{
	return __syscall(n, a0, a1, a2, 0, 0, 0);
}

/* Run f in a child; its exit code, or 1000 if it ran for more than 5 s
   (then it is killed). */
static int in_child(void (*f)(void))
{
	long pid = fork();
	if (pid == 0) {
		f();
		exit(0);
	}
	if (pid < 0)
		return 1001;
	int code = 0;
	for (long start = get_time(); get_time() - start < 5000; sleep(10))
		if (waitpid_nb(pid, &code) == pid)
			return code;
	kill(pid, SIGKILL);
	waitpid(pid, &code);
	return 1000;
}

/* --- pipe and dup --- */

static void pipe_checks(void)
{
	check(sys(SYS_PIPE, 0, 0, 0) == -EFAULT, "pipe(NULL) is -EFAULT");
	check(sys(SYS_PIPE, KERNEL_ADDR, 0, 0) == -EFAULT, "pipe(kernel address) is -EFAULT");
	check(mmap(AREA, PAGE_SIZE, 1) == 0, "mmap a read-only page");
	check(sys(SYS_PIPE, AREA, 0, 0) == -EFAULT, "pipe(read-only page) is -EFAULT");
	munmap(AREA, PAGE_SIZE);
	check(mmap(AREA, PAGE_SIZE, 3) == 0, "mmap a read/write page");
	check(sys(SYS_PIPE, AREA + PAGE_SIZE - 8, 0, 0) == -EFAULT,
	      "pipe(two slots across the end of the mapping) is -EFAULT");
	munmap(AREA, PAGE_SIZE);
	int fds[2] = {-1, -1};
	check(pipe(fds) == 0 && fds[0] == 3 && fds[1] == 4,
	      "no descriptor leaked: the next pipe gets descriptors 3 and 4");
	close(fds[0]);
	close(fds[1]);
	check(dup(-1) < 0 && dup(1000) < 0 && dup(9) < 0,
	      "dup of a bad or closed descriptor is an error");
	long d = dup(STDOUT);
	check(d == 3, "dup(1) gets descriptor 3");
	if (d >= 0)
		close(d);
}

static void write_to_readerless_pipe(void)
{
	int fds[2];
	if (pipe(fds) < 0)
		exit(2);
	close(fds[0]);
	write(fds[1], "x", 1);
	exit(3); /* SIGPIPE should have ended us */
}

static void write_to_readerless_pipe_ignored(void)
{
	struct sigaction ign = {SIG_IGN, 0, 0};
	int fds[2];
	if (sigaction(SIGPIPE, &ign, NULL) < 0 || pipe(fds) < 0)
		exit(2);
	close(fds[0]);
	exit(write(fds[1], "x", 1) == -EPIPE ? 0 : 3);
}

/* --- signals --- */

static void sigaction_checks(void)
{
	struct sigaction act = {SIG_IGN, 0, 0}, old;
	check(sys(SYS_SIGACTION, SIGUSR1, UNMAPPED, 0) == -EFAULT,
	      "sigaction(act unmapped) is -EFAULT");
	check(sys(SYS_SIGACTION, SIGUSR1, KERNEL_ADDR, 0) == -EFAULT,
	      "sigaction(act in the kernel) is -EFAULT");
	check(sys(SYS_SIGACTION, SIGUSR1, (long)&act, UNMAPPED) == -EFAULT,
	      "sigaction(oldact unmapped) is -EFAULT");
	check(sys(SYS_SIGACTION, SIGUSR1, (long)&act, KERNEL_ADDR) == -EFAULT,
	      "sigaction(oldact in the kernel) is -EFAULT");
	act.handler = SIG_DFL;
	sigaction(SIGUSR1, &act, NULL);
	check(sigaction(SIGKILL, &act, &old) < 0 && sigaction(SIGKILL, NULL, &old) < 0,
	      "sigaction(SIGKILL) is refused");
	check(sigaction(SIGSTOP, &act, &old) < 0, "sigaction(SIGSTOP) is refused");
	check(sigaction(0, &act, &old) < 0 && sigaction(NSIG, &act, &old) < 0 &&
		  sigaction(-1, &act, &old) < 0 && sigaction(50, &act, &old) < 0,
	      "sigaction of signal 0, 32, -1 and 50 is refused");
}

static void kill_checks(void)
{
	check(kill(99999, SIGUSR1) < 0, "kill of a missing pid is an error");
	check(kill(getpid(), 0) < 0, "kill with signal 0 is an error");
	check(kill(getpid(), NSIG) < 0 && kill(getpid(), 64) < 0 && kill(getpid(), -1) < 0,
	      "kill with signal 32, 64 or -1 is an error");
}

static volatile int got_usr1, got_usr2, usr2_inside_usr1, handler_arg;

static void on_usr2(int signum)
{
	(void)signum;
	got_usr2++;
}

static void on_usr1(int signum)
{
	handler_arg = signum;
	kill(getpid(), SIGUSR2); /* a second signal, delivered inside this handler */
	usr2_inside_usr1 = got_usr2;
	got_usr1++;
}

static void handler_checks(void)
{
	struct sigaction a1 = {(uint64_t)on_usr1, 0, 0}, a2 = {(uint64_t)on_usr2, 0, 0}, old;
	sigaction(SIGUSR2, &a2, NULL);
	sigaction(SIGUSR1, &a1, NULL);
	long r = kill(getpid(), SIGUSR1);
	check(r == 0 && got_usr1 == 1 && handler_arg == SIGUSR1,
	      "a handler that returns runs once with its signal number; kill still returns 0");
	check(got_usr2 == 1 && usr2_inside_usr1 == 1,
	      "a second signal is handled inside the first one's handler");
	struct sigaction dfl = {SIG_DFL, 0, 0};
	check(sigaction(SIGUSR1, &dfl, &old) == 0 && old.handler == (uint64_t)on_usr1,
	      "oldact reports the program's handler");
	sigaction(SIGUSR2, &dfl, NULL);
	long before = sigprocmask(SIGMASK(SIGUSR1));
	long now = sigprocmask((uint32_t)before);
	check(before >= 0 && now == (long)SIGMASK(SIGUSR1),
	      "sigprocmask returns the mask it replaces");
}

static void block_everything_then_sigkill(void)
{
	sigprocmask(0xffffffffu);
	kill(getpid(), SIGKILL);
	exit(0); /* SIGKILL was blocked: wrong */
}

static void sigreturn_without_frame(void)
{
	sigreturn();
	exit(0);
}

static void handler_at(uint64_t where)
{
	struct sigaction bad = {where, 0, 0};
	if (sys(SYS_SIGACTION, SIGUSR1, (long)&bad, 0) < 0)
		exit(77); /* refused at once: fine too */
	kill(getpid(), SIGUSR1);
	exit(0);
}

static void handler_in_kernel(void)
{
	handler_at(KERNEL_ADDR);
}

static void handler_unmapped(void)
{
	handler_at(AREA);
}

static void child_checks(void)
{
	int code = in_child(block_everything_then_sigkill);
	check(code == -SIGKILL, "SIGKILL cannot be blocked (exit code -9)");
	code = in_child(sigreturn_without_frame);
	check(code < 0 && code != 1000, "sigreturn without a signal frame kills the process");
	code = in_child(handler_in_kernel);
	check(code == -SIGSEGV || code == 77,
	      code == 77 ? "a handler in the kernel is refused by sigaction"
			 : "a handler in the kernel: the process dies of SIGSEGV (-11)");
	code = in_child(handler_unmapped);
	check(code == -SIGSEGV || code == 77,
	      code == 77 ? "an unmapped handler is refused by sigaction"
			 : "an unmapped handler: the process dies of SIGSEGV (-11)");
	code = in_child(write_to_readerless_pipe);
	check(code == -SIGPIPE, "writing to a pipe with no reader: SIGPIPE (-13)");
	code = in_child(write_to_readerless_pipe_ignored);
	check(code == 0, "writing to a pipe with no reader, SIGPIPE ignored: -EPIPE");
}

/* --- exec with bad arguments: each returns an error and we go on --- */

static char *many[10001];

static void exec_checks(void)
{
	char *prog = "cmdline_args";
	check(sys(SYS_EXEC, (long)prog, UNMAPPED, 0) < 0, "exec(argv unmapped) is an error");
	check(sys(SYS_EXEC, (long)prog, KERNEL_ADDR, 0) < 0,
	      "exec(argv in the kernel) is an error");
	check(sys(SYS_EXEC, UNMAPPED, 0, 0) < 0, "exec(path unmapped) is an error");
	char *bad1[] = {prog, (char *)UNMAPPED, NULL};
	check(exec(prog, bad1) < 0, "exec(an argument unmapped) is an error");
	char *bad2[] = {prog, (char *)KERNEL_ADDR, NULL};
	check(exec(prog, bad2) < 0, "exec(an argument in the kernel) is an error");
	if (mmap(AREA, PAGE_SIZE, 3) == 0) {
		/* the array's last slot ends the page: no NULL before the hole */
		char **slots = (char **)(AREA + PAGE_SIZE - sizeof(char *));
		slots[0] = prog;
		check(exec(prog, slots) < 0,
		      "exec(argv without its NULL, then a hole) is an error");
		/* a string without its NUL before the hole */
		char *end = (char *)(AREA + PAGE_SIZE - 4);
		memcpy(end, "abcd", 4);
		char *bad3[] = {prog, end, NULL};
		check(exec(prog, bad3) < 0, "exec(an argument without its NUL) is an error");
		munmap(AREA, PAGE_SIZE);
	} else {
		check(0, "mmap a read/write page for exec");
	}
	for (int i = 0; i < 10000; i++)
		many[i] = "x";
	many[10000] = NULL;
	check(exec(prog, many) < 0, "exec with 10000 arguments is an error");
	/* 1 MiB of argument strings: 16 of 64 KiB */
	char *heap = (char *)sbrk(16 * 65536);
	if (heap != (char *)-1) {
		char *big[18] = {prog};
		for (int i = 0; i < 16; i++) {
			memset(heap + i * 65536, 'a', 65535);
			heap[i * 65536 + 65535] = '\0';
			big[i + 1] = heap + i * 65536;
		}
		big[17] = NULL;
		check(exec(prog, big) < 0, "exec with 1 MiB of argument strings is an error");
		sbrk(-16 * 65536);
	} else {
		check(0, "sbrk 1 MiB for exec's arguments");
	}
	printf("ch7_bad: still running after the bad execs\n");
}

/* --- pipes between processes --- */

#define STAGES 30
#define MSG_LEN 2000

static char msg[MSG_LEN], back[MSG_LEN + 1];

/* Stage 0 writes the message, stages 1..29 are `cat`, we read the end. */
static void pipeline_check(void)
{
	long pids[STAGES];
	int prev = -1, ok = 1;
	for (int i = 0; i < MSG_LEN; i++)
		msg[i] = (char)('a' + i % 26);
	for (int i = 0; i < STAGES; i++) {
		int p[2];
		if (pipe(p) < 0) {
			ok = 0;
			break;
		}
		long pid = fork();
		if (pid == 0) {
			close(p[0]);
			close(STDOUT);
			dup(p[1]);
			close(p[1]);
			if (i == 0) {
				write(STDOUT, msg, MSG_LEN);
				exit(0);
			}
			close(STDIN);
			dup(prev);
			close(prev);
			char *argv[] = {"cat", NULL};
			exec("cat", argv);
			exit(-4);
		}
		pids[i] = pid;
		if (prev >= 0)
			close(prev);
		close(p[1]);
		prev = p[0];
		if (pid < 0) {
			ok = 0;
			break;
		}
	}
	long got = 0, n;
	while (ok && got < MSG_LEN + 1 && (n = read(prev, back + got, MSG_LEN + 1 - got)) > 0)
		got += n;
	close(prev);
	check(ok && got == MSG_LEN && memcmp(back, msg, MSG_LEN) == 0,
	      "2000 bytes through a pipeline of 30 processes (29 cat)");
	int all_zero = ok;
	for (int i = 0; ok && i < STAGES; i++) {
		int code = -1;
		waitpid(pids[i], &code);
		all_zero &= code == 0;
	}
	check(all_zero, "every stage of the pipeline exits with 0");
}

/* A reader waits on a pipe whose only writer is then killed: EOF. */
static void killed_writer_check(void)
{
	int p[2];
	if (pipe(p) < 0) {
		check(0, "pipe for the killed writer");
		return;
	}
	long writer = fork();
	if (writer == 0) {
		close(p[0]);
		for (;;)
			sleep(1000);
	}
	long reader = fork();
	if (reader == 0) {
		close(p[1]);
		char c;
		exit(read(p[0], &c, 1) == 0 ? 0 : 1);
	}
	close(p[0]);
	close(p[1]);
	sleep(200); /* the reader is blocked by now */
	kill(writer, SIGKILL);
	int code = 1000, wcode = 0;
	for (long start = get_time(); get_time() - start < 5000; sleep(10))
		if (waitpid_nb(reader, &code) == reader)
			break;
	if (code == 1000) {
		kill(reader, SIGKILL);
		waitpid(reader, &code);
		code = 1000;
	}
	waitpid(writer, &wcode);
	check(code == 0, "a reader blocked on a pipe gets EOF when its writer is killed");
	check(wcode == -SIGKILL, "the killed writer exits with -9");
}

/* --- process groups and the console --- */

static void group_checks(void)
{
	int fds[2];
	int g;
	check(getpgid(0) > 0 && getpgid(0) == getpgid(getpid()), "getpgid(0) is our group");
	check(getpgid(99999) < 0 && setpgid(99999, 0) < 0 && setpgid(0, -1) < 0,
	      "getpgid/setpgid of a missing process or a negative group is an error");
	check(sys(SYS_IOCTL, STDIN, TIOCGPGRP, UNMAPPED) == -EFAULT &&
		  sys(SYS_IOCTL, STDIN, TIOCSPGRP, KERNEL_ADDR) == -EFAULT,
	      "ioctl(TIOCGPGRP/TIOCSPGRP, bad pointer) is -EFAULT");
	check(ioctl(STDIN, 0x1234, &g) < 0 && ioctl(99, TIOCGPGRP, &g) < 0,
	      "ioctl with an unknown request or a bad descriptor is an error");
	if (pipe(fds) == 0) {
		check(ioctl(fds[0], TIOCGPGRP, &g) < 0, "ioctl(TIOCGPGRP) on a pipe is an error");
		close(fds[0]);
		close(fds[1]);
	}
}

int main(void)
{
	pipe_checks();
	sigaction_checks();
	kill_checks();
	handler_checks();
	child_checks();
	exec_checks();
	pipeline_check();
	killed_writer_check();
	group_checks();
	int fds[2] = {-1, -1};
	check(pipe(fds) == 0 && fds[0] == 3 && fds[1] == 4,
	      "no descriptor leaked by any check: the next pipe gets 3 and 4");
	printf("ch7_bad: %d checks, %d failed\n", checks, failures);
	if (failures == 0)
		printf("Test ch7 bad input OK!\n");
	return failures == 0 ? 0 : 1;
}
