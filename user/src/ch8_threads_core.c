/* ch8_threads_core - the kernel's threads and locks (chapter 8), with raw
   system calls: tids are the lowest free; 16 threads add under a blocking
   mutex and the sum is exact; a semaphore hands units over in order; a
   condition variable wakes a waiter; the deadlock detector refuses a
   second lock of a held mutex; a thread that exits holding a mutex
   passes it on; exit from the main thread ends every other thread, even
   one asleep on a lock, and the parent reaps the process. */
#include "ulib.h"

#define NTHREADS 16
#define PER_THREAD 2000

static long sc(long n, long a, long b)
{
	return __syscall(n, a, b, 0, 0, 0, 0);
}

static int lock, sem, cv, cv_lock;
static volatile long counter, ready;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "OK" : "FAIL", what);
	if (!ok)
		exit(1);
}

static long join(long tid)
{
	long r;
	while ((r = sc(SYS_WAITTID, tid, 0)) == -2)
		sched_yield();
	return r;
}

static void adder(long arg)
{
	for (int i = 0; i < PER_THREAD; i++) {
		sc(SYS_MUTEX_LOCK, lock, 0);
		long v = counter;
		if (i % 64 == 0)
			sched_yield(); /* make the race real if the lock were broken */
		counter = v + 1;
		sc(SYS_MUTEX_UNLOCK, lock, 0);
	}
	exit((int)arg);
}

static void downer(long arg)
{
	(void)arg;
	sc(SYS_SEMAPHORE_DOWN, sem, 0);
	exit(7);
}

static void waiter(long arg)
{
	(void)arg;
	sc(SYS_MUTEX_LOCK, cv_lock, 0);
	while (!ready)
		sc(SYS_CONDVAR_WAIT, cv, cv_lock);
	sc(SYS_MUTEX_UNLOCK, cv_lock, 0);
	exit(8);
}

static void die_holding(long arg)
{
	(void)arg;
	sc(SYS_MUTEX_LOCK, lock, 0);
	exit(9); /* with the lock held */
}

static volatile long max_gap, spin_done;

/* Spin, noting the longest time between two looks at the clock. */
static void watcher(long arg)
{
	(void)arg;
	long last = get_time();
	while (!spin_done) {
		long now = get_time();
		if (now - last > max_gap)
			max_gap = now - last;
		last = now;
	}
	exit(0);
}

/* A process whose main thread stops the whole process with SIGSTOP; the
   parent continues it 300 ms later. The other thread must have been
   stopped too: it saw the clock jump. */
static void stop_all(void)
{
	long w = sc(SYS_THREAD_CREATE, (long)watcher, 0);
	sc(SYS_SLEEP, 30, 0);
	sc(SYS_KILL, getpid(), SIGSTOP);
	sc(SYS_SLEEP, 30, 0);
	spin_done = 1;
	join(w);
	printf("the other thread's longest gap: %ld ms\n", max_gap);
	exit(max_gap >= 150 ? 0 : 2);
}

static void sleeper(long arg)
{
	(void)arg;
	sc(SYS_MUTEX_LOCK, lock, 0); /* held by main: sleeps for ever */
	exit(10);
}

int main(void)
{
	check(sc(SYS_GETTID, 0, 0) == 0, "the main thread is tid 0");
	lock = (int)sc(SYS_MUTEX_CREATE, 1, 0);
	check(lock == 0, "the first mutex is id 0");
	long tids[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		tids[i] = sc(SYS_THREAD_CREATE, (long)adder, 100 + i);
	check(tids[0] == 1 && tids[1] == 2 && tids[2] == 3, "the first threads are tids 1, 2, 3");
	int codes_ok = 1;
	for (int i = 0; i < NTHREADS; i++)
		codes_ok &= join(tids[i]) == 100 + i;
	check(codes_ok, "waittid returns each thread's exit code");
	printf("counter = %ld\n", counter);
	check(counter == NTHREADS * PER_THREAD, "16 threads under a blocking mutex: exact sum");
	check(sc(SYS_WAITTID, 0, 0) == -1 && sc(SYS_WAITTID, 31, 0) == -1,
	      "waittid on itself or a missing tid is -1");
	check(sc(SYS_MUTEX_UNLOCK, lock, 0) == -1 && sc(SYS_MUTEX_LOCK, 9, 0) == -1,
	      "unlocking a free mutex, locking an unknown one: -1");

	sem = (int)sc(SYS_SEMAPHORE_CREATE, 0, 0);
	long d = sc(SYS_THREAD_CREATE, (long)downer, 0);
	sc(SYS_SLEEP, 20, 0);
	check(sc(SYS_WAITTID, d, 0) == -2, "down on a zero semaphore sleeps");
	sc(SYS_SEMAPHORE_UP, sem, 0);
	check(join(d) == 7, "up wakes the sleeper");

	cv = (int)sc(SYS_CONDVAR_CREATE, 0, 0);
	cv_lock = (int)sc(SYS_MUTEX_CREATE, 1, 0);
	long w = sc(SYS_THREAD_CREATE, (long)waiter, 0);
	sc(SYS_SLEEP, 20, 0);
	sc(SYS_MUTEX_LOCK, cv_lock, 0);
	ready = 1;
	sc(SYS_CONDVAR_SIGNAL, cv, 0);
	sc(SYS_MUTEX_UNLOCK, cv_lock, 0);
	check(join(w) == 8, "condvar_signal wakes the waiter");
	check(sc(SYS_CONDVAR_WAIT, cv, cv_lock) == -1, "condvar_wait without the mutex is -1");

	long h = sc(SYS_THREAD_CREATE, (long)die_holding, 0);
	check(join(h) == 9, "a thread exits holding the mutex");
	check(sc(SYS_MUTEX_LOCK, lock, 0) == 0, "its mutex was passed on (free again)");

	check(sc(SYS_ENABLE_DEADLOCK_DETECT, 2, 0) == -1, "enable_deadlock_detect(2) is -1");
	check(sc(SYS_ENABLE_DEADLOCK_DETECT, 1, 0) == 0, "deadlock detection on");
	check(sc(SYS_MUTEX_LOCK, lock, 0) == -0xDEAD, "locking a mutex twice is refused (-0xDEAD)");
	sc(SYS_ENABLE_DEADLOCK_DETECT, 0, 0);

	long stopped = fork();
	if (stopped == 0)
		stop_all();
	sc(SYS_SLEEP, 300, 0);
	sc(SYS_KILL, stopped, SIGCONT);
	int scode = -1;
	check(waitpid(stopped, &scode) == stopped && scode == 0,
	      "SIGSTOP stops every thread of the process until SIGCONT");

	long pid = fork();
	if (pid == 0) {
		/* main holds `lock` (inherited copy): a thread sleeps on it, then
		   the main thread exits: the whole process must end */
		sc(SYS_THREAD_CREATE, (long)sleeper, 0);
		sc(SYS_SLEEP, 20, 0);
		exit(3);
	}
	int code = -1;
	check(waitpid(pid, &code) == pid && code == 3,
	      "main exits while a thread sleeps on a lock: the process is reaped");
	printf("ch8_threads_core passed!\n");
	return 0;
}
