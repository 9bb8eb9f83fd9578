/* ch8_bad - bad input to chapter 8's system calls: each must fail with an
   error or end the calling process, never the kernel, and leak nothing
   (the test compares the free frames after the suite with their boot
   value). One OK/FAIL line per check, then a summary. A check that could
   leave threads behind runs in a child process, which the parent reaps
   (or kills after 5 s: then the check fails). */
#include "ulib.h"

#define KERNEL_ADDR 0xfffffffffffff000UL /* the kernel half, or no address at all */
#define UNMAPPED 0x8000UL		 /* below every program: never mapped */
#define MAX_TRY 4096			 /* threads to try before calling the table endless */

static int checks, failures;

static void check(int ok, const char *what)
{
	checks++;
	failures += !ok;
	printf("%s: %s\n", ok ? "OK" : "FAIL", what);
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

/* --- thread_create with a bad entry: the new thread faults --- */

static void start_at(unsigned long entry)
{
	long tid = __syscall(SYS_THREAD_CREATE, (long)entry, 0, 0, 0, 0, 0);
	if (tid < 0)
		exit(2);
	waittid(tid); /* the fault ends the whole process before this returns */
	exit(3);
}

static void start_in_kernel(void)
{
	start_at(KERNEL_ADDR);
}

static void start_unmapped(void)
{
	start_at(UNMAPPED);
}

static volatile int handled;

static void on_segv(int signum)
{
	handled = signum;
	exit(77); /* a thread's exit ends that thread; main's, the process */
}

static void start_unmapped_caught(void)
{
	struct sigaction act = {(uint64_t)on_segv, 0, 0};
	if (sigaction(SIGSEGV, &act, NULL) < 0)
		exit(2);
	long tid = __syscall(SYS_THREAD_CREATE, (long)UNMAPPED, 0, 0, 0, 0, 0);
	if (tid < 0)
		exit(2);
	exit(waittid(tid) == 77 ? 0 : 3);
}

static int null_store(long unused)
{
	(void)unused;
	*(volatile int *)0 = 1;
	return 0;
}

static void thread_faults(void)
{
	thread_create(null_store, 0);
	sleep(3000); /* the other thread's fault ends us first */
	exit(3);
}

/* --- the thread table --- */

static int blocker(long sem)
{
	return semaphore_down(sem) == 0 ? 0 : 1;
}

static int returns_7(long unused)
{
	(void)unused;
	return 7;
}

/* Threads that block until the table is full; then all are released and
   joined, and a new thread can be made again. Exit code: 0 if all went
   well, else which step failed. */
static void fill_table(void)
{
	static long tids[MAX_TRY];
	long sem = semaphore_create(0);
	if (sem < 0)
		exit(10);
	int n = 0;
	long err = 0;
	while (n < MAX_TRY) {
		long tid = thread_create(blocker, sem);
		if (tid < 0) {
			err = tid;
			break;
		}
		tids[n++] = tid;
	}
	printf("ch8_bad: %d threads before the table was full (error %ld)\n", n, err);
	if (n == MAX_TRY || n == 0)
		exit(11);
	for (int i = 0; i < n; i++)
		semaphore_up(sem);
	for (int i = 0; i < n; i++)
		if (waittid(tids[i]) != 0)
			exit(12);
	long again = thread_create(returns_7, 0);
	if (again < 0 || waittid(again) != 7)
		exit(13);
	if (again != tids[0])
		exit(14); /* the lowest free id once every thread is joined */
	exit(0);
}

/* --- waittid --- */

static int waits_for_itself(long unused)
{
	(void)unused;
	return waittid_nb(gettid()) == -1 ? 5 : 6;
}

static void waittid_checks(void)
{
	check(gettid() == 0, "the main thread's id is 0");
	check(waittid_nb(0) == -1, "waittid on itself (the main thread) is -1");
	long tid = thread_create(waits_for_itself, 0);
	check(tid > 0 && waittid(tid) == 5, "waittid on itself from a thread is -1");
	check(waittid_nb(tid) == -1, "waittid on a thread already joined is -1");
	check(waittid_nb(999) == -1 && waittid_nb(-1) == -1 && waittid_nb(1L << 40) == -1,
	      "waittid of a missing tid (999, -1, 2^40) is -1");
}

/* --- a thread that exits holding a blocking mutex --- */

static int lock_and_exit(long m)
{
	return mutex_lock(m) == 0 ? 0 : 1;
}

static int lock_and_return(long m)
{
	if (mutex_lock(m) != 0)
		return 1;
	mutex_unlock(m);
	return 2;
}

/* The rule (docs/ch8.md): a thread that ends holding a blocking mutex
   hands it to the first waiter, so nobody waits for ever on a dead owner;
   the main thread, which does not hold it, still cannot unlock it. Exit
   code 5 if that all happened. */
static void exit_holding_mutex(void)
{
	long m = mutex_blocking_create();
	long a = thread_create(lock_and_exit, m);
	if (m < 0 || a < 0 || waittid(a) != 0)
		exit(20);
	if (mutex_unlock(m) != -1)
		exit(21); /* the main thread does not hold it */
	long b = thread_create(lock_and_return, m);
	if (b < 0)
		exit(22);
	if (waittid(b) != 2)
		exit(23); /* b never got the dead thread's mutex */
	exit(5);
}

/* A thread that locks a mutex and ends, and one that waits for the lock
   held by a thread that never gives it back: the process ends while the
   waiter still sleeps on it. Exit code 6. */
static void exit_with_waiter(void)
{
	long m = mutex_blocking_create();
	if (m < 0 || mutex_lock(m) != 0)
		exit(24);
	long b = thread_create(lock_and_return, m);
	if (b < 0)
		exit(25);
	sleep(50);
	if (waittid_nb(b) != -2)
		exit(26); /* b got a mutex the main thread still holds */
	exit(6);	  /* b is asleep on the mutex: the main thread's exit ends it */
}

/* --- mutexes, semaphores and condition variables misused --- */

static void sync_checks(void)
{
	check(mutex_lock(99) == -1 && mutex_unlock(99) == -1 && mutex_lock(-1) == -1,
	      "mutex_lock/unlock of an unknown id is -1");
	check(semaphore_up(99) == -1 && semaphore_down(99) == -1 && semaphore_down(-1) == -1,
	      "semaphore_up/down of an unknown id is -1");
	check(condvar_signal(99) == -1 && condvar_signal(-1) == -1,
	      "condvar_signal of an unknown id is -1");
	long spin = mutex_create(), blocking = mutex_blocking_create();
	check(spin >= 0 && blocking >= 0 && blocking == spin + 1,
	      "mutex ids: the lowest free first");
	check(mutex_unlock(spin) == -1 && mutex_unlock(blocking) == -1,
	      "unlocking a mutex nobody holds is -1");
	long cv = condvar_create();
	check(cv >= 0 && condvar_wait(cv, blocking) == -1,
	      "condvar_wait with a mutex the thread does not hold is -1");
	check(condvar_wait(cv, 99) == -1, "condvar_wait with an unknown mutex is -1");
	check(condvar_wait(99, blocking) == -1, "condvar_wait on an unknown condvar is -1");
	check(mutex_lock(blocking) == 0 && condvar_signal(cv) == 0 && mutex_unlock(blocking) == 0 &&
		  mutex_unlock(blocking) == -1,
	      "lock, signal with no waiter, unlock; a second unlock is -1");
	check(enable_deadlock_detect(2) == -1 && enable_deadlock_detect(-1) == -1,
	      "enable_deadlock_detect(2) and (-1) are -1");
	check(enable_deadlock_detect(0) == 0, "enable_deadlock_detect(0) is 0");
}

/* --- a process killed while its threads sleep or block --- */

static int sleeper(long unused)
{
	(void)unused;
	sleep(100000);
	return 1;
}

static int sem_waiter(long sem)
{
	semaphore_down(sem);
	return 1;
}

static int mutex_waiter(long m)
{
	mutex_lock(m);
	return 1;
}

static int cond_waiter(long cv)
{
	mutex_lock(1);
	condvar_wait(cv, 1);
	return 1;
}

static void sleep_and_block(void)
{
	long sem = semaphore_create(0), held = mutex_blocking_create();
	long m = mutex_blocking_create(), cv = condvar_create();
	if (sem < 0 || held != 0 || m != 1 || cv < 0 || mutex_lock(held) != 0)
		exit(30);
	thread_create(sleeper, 0);
	thread_create(sem_waiter, sem);
	thread_create(mutex_waiter, held);
	thread_create(cond_waiter, cv);
	semaphore_down(sem); /* the main thread blocks too */
	exit(31);
}

/* --- fork from a thread copies only that thread --- */

static int forks(long unused)
{
	(void)unused;
	long pid = fork();
	if (pid == 0)
		exit(42); /* the child's only thread: this exit ends the child */
	int code = 0;
	if (pid < 0 || waitpid(pid, &code) != pid)
		return 1;
	return code == 42 ? 0 : 2;
}

static void fork_in_thread(void)
{
	long tid = thread_create(forks, 0);
	exit(tid > 0 && waittid(tid) == 0 ? 0 : 40);
}

/* --- a descriptor closed by one thread while another reads it --- */

static int pipe_fds[2];

static int pipe_reader(long unused)
{
	(void)unused;
	char c = 0;
	long n = read(pipe_fds[0], &c, 1);
	return n == 1 && c == 'x' ? 0 : 1;
}

/* A thread sleeps reading a pipe; the main thread closes that descriptor,
   then writes. The sleeping read still has its open file and gets the
   byte. Exit code 8. */
static void close_while_reading(void)
{
	if (pipe(pipe_fds) != 0)
		exit(50);
	long tid = thread_create(pipe_reader, 0);
	if (tid < 0)
		exit(51);
	sleep(50);
	char c;
	if (close(pipe_fds[0]) != 0 || read(pipe_fds[0], &c, 1) >= 0)
		exit(52);
	if (write(pipe_fds[1], "x", 1) != 1)
		exit(53);
	exit(waittid(tid) == 0 ? 8 : 54);
}

/* --- a thread created just before its process ends never runs --- */

static int late_writer(long fd)
{
	write(fd, "late", 4);
	return 0;
}

/* The child creates a thread that would write to a pipe, and exits at
   once: the thread must never reach user mode. */
static int exit_before_start(void)
{
	int fds[2];
	if (pipe(fds) != 0)
		return 0;
	long pid = fork();
	if (pid == 0) {
		close(fds[0]);
		thread_create(late_writer, fds[1]);
		exit(9);
	}
	close(fds[1]);
	char buf[4];
	int code = 0;
	long n = read(fds[0], buf, sizeof(buf)); /* 0 once the child is gone */
	close(fds[0]);
	return pid > 0 && waitpid(pid, &code) == pid && code == 9 && n == 0;
}

int main(void)
{
	int code;
	check((code = in_child(start_in_kernel)) == -SIGSEGV,
	      "thread_create with an entry in the kernel: the process dies (SIGSEGV)");
	check((code = in_child(start_unmapped)) == -SIGSEGV,
	      "thread_create with an unmapped entry: the process dies (SIGSEGV)");
	code = in_child(start_unmapped_caught);
	check(code == 0 || code == 77,
	      "thread_create with an unmapped entry and a SIGSEGV handler: the handler runs");
	check((code = in_child(thread_faults)) == -SIGSEGV,
	      "a fault in a thread kills the process while main sleeps");
	check((code = in_child(fill_table)) == 0,
	      "threads until the table is full: an error, then all joined, then a new one");
	if (code != 0)
		printf("ch8_bad: the table check ended with %d\n", code);
	waittid_checks();
	check((code = in_child(exit_holding_mutex)) == 5,
	      "a thread exits holding a blocking mutex: the next thread to lock it gets it");
	if (code != 5)
		printf("ch8_bad: the mutex check ended with %d\n", code);
	check((code = in_child(exit_with_waiter)) == 6,
	      "the process exits while a thread sleeps on a mutex: the waiter ends with it");
	sync_checks();
	long pid = fork();
	if (pid == 0)
		sleep_and_block();
	sleep(200);
	check(pid > 0 && kill(pid, SIGKILL) == 0 && waitpid(pid, &code) == pid && code == -SIGKILL,
	      "SIGKILL ends a process whose threads sleep and block; the parent reaps it");
	check((code = in_child(fork_in_thread)) == 0, "fork from a thread: the child runs alone");
	check((code = in_child(close_while_reading)) == 8,
	      "a thread closes a pipe another thread reads: the read still gets its byte");
	if (code != 8)
		printf("ch8_bad: the close check ended with %d\n", code);
	check(exit_before_start(), "a thread created just before exit never runs");
	printf("ch8_bad: %d checks, %d failed\n", checks, failures);
	if (failures)
		return 1;
	printf("Test ch8 bad input OK!\n");
	return 0;
}
