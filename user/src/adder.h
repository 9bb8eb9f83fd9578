/*
 * adder.h - what rCore's adder programs share: `threads` threads each add 1
 * to a shared counter `per_thread` times. The addition is a slow
 * read-modify-write (read A, compute for a while, write A + 1), so a
 * thread preempted inside it loses every addition the others made
 * meanwhile unless lock()/unlock() really exclude each other. Each
 * program defines its own lock and unlock (id: the thread's index 0, 1,
 * ...) and calls adder_main. A wrong sum ends the program with abort()
 * (exit code -6), as a failed assertion does in rCore.
 */
#include "ulib.h"

#define MAX_THREADS 64

static volatile long A; /* the shared counter */
static long per_thread;

static void lock(long id);
static void unlock(long id);

static inline void critical_section(long *t)
{
	long cur = A;
	for (int i = 0; i < 500; i++)
		*t = *t * *t % 10007;
	A = cur + 1;
}

/* Busy work between a lock's test and its set: the broken locks have a
   race there, and this makes it wide enough for the timer to find. */
static inline void widen_the_gap(void)
{
	volatile long t = 3;
	for (int i = 0; i < 300; i++)
		t = t * t % 10007;
}

static inline int adder_thread(long id)
{
	long t = 2;
	for (long i = 0; i < per_thread; i++) {
		lock(id);
		critical_section(&t);
		unlock(id);
	}
	return (int)t;
}

/* A decimal number, or -1. */
static inline long number(const char *s)
{
	long v = 0;
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* argv[1] the number of threads, argv[2] the additions per thread (the
   defaults otherwise). Prints the time, then `passed` (or, if NULL, the
   sum) if it is exact; aborts if it is not. */
static inline int adder_main(int argc, char **argv, const char *name, long threads, long per,
			     const char *passed)
{
	if (argc >= 2)
		threads = number(argv[1]);
	if (argc >= 3)
		per = number(argv[2]);
	if (threads < 1 || threads > MAX_THREADS || per < 0) {
		printf("usage: %s [threads (1-%d)] [additions per thread]\n", name, MAX_THREADS);
		return 1;
	}
	per_thread = per;
	long tids[MAX_THREADS];
	long start = get_time();
	for (long i = 0; i < threads; i++) {
		tids[i] = thread_create(adder_thread, i);
		if (tids[i] < 0) {
			printf("%s: thread_create failed (%ld)\n", name, tids[i]);
			abort();
		}
	}
	for (long i = 0; i < threads; i++)
		waittid(tids[i]);
	printf("time cost is %ldms\n", get_time() - start);
	if (A != threads * per) {
		printf("%s: the sum is %ld, not %ld x %ld = %ld\n", name, A, threads, per,
		       threads * per);
		abort();
	}
	if (passed != NULL)
		printf("%s\n", passed);
	else
		printf("%s: %ld threads x %ld = %ld, exact\n", name, threads, per, A);
	return 0;
}
