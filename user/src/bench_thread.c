/* bench_thread - thread benchmarks (chapter 8+), run as initproc by `make
   bench`: a thread's create + exit + join (microseconds), an uncontended
   blocking mutex's lock + unlock (nanoseconds), and a round trip between
   two threads over two semaphores (microseconds). Medians of RUNS runs,
   printed like bench.c's. */
#include "ulib.h"

#define RUNS 5
#define THREADS 200
#define LOCKS 20000
#define TRIPS 500

static long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.sec * 1000000 + tv.usec;
}

static void sort(long *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
			long t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* Figures in thousandths of their unit (no floating point in user code). */
static void report(const char *name, long *v, const char *unit)
{
	sort(v, RUNS);
	long m = v[RUNS / 2];
	printf("bench: %s %ld.%03ld %s (runs:", name, m / 1000, m % 1000, unit);
	for (int i = 0; i < RUNS; i++)
		printf(" %ld.%03ld", v[i] / 1000, v[i] % 1000);
	printf(")\n");
}

static int returns_3(long unused)
{
	(void)unused;
	return 3;
}

static long create_exit_join(void)
{
	long t0 = now_us();
	for (int i = 0; i < THREADS; i++) {
		long tid = thread_create(returns_3, 0);
		if (tid < 0 || waittid(tid) != 3)
			return -1;
	}
	return (now_us() - t0) * 1000 / THREADS; /* us, x1000 */
}

static long mutex_id = -1;

static long lock_unlock(void)
{
	if (mutex_id < 0 && (mutex_id = mutex_blocking_create()) < 0)
		return -1;
	long t0 = now_us();
	for (int i = 0; i < LOCKS; i++)
		if (mutex_lock(mutex_id) != 0 || mutex_unlock(mutex_id) != 0)
			return -1;
	return (now_us() - t0) * 1000000 / LOCKS; /* ns, x1000 */
}

static long ping = -1, pong = -1;

static int partner(long trips)
{
	for (long i = 0; i < trips; i++) {
		semaphore_down(ping);
		semaphore_up(pong);
	}
	return 0;
}

static long pingpong(void)
{
	if (ping < 0 && ((ping = semaphore_create(0)) < 0 || (pong = semaphore_create(0)) < 0))
		return -1;
	long tid = thread_create(partner, TRIPS);
	if (tid < 0)
		return -1;
	long t0 = now_us();
	for (int i = 0; i < TRIPS; i++) {
		semaphore_up(ping);
		semaphore_down(pong);
	}
	long t = (now_us() - t0) * 1000 / TRIPS; /* us, x1000 */
	return waittid(tid) == 0 ? t : -1;
}

static void run(const char *name, long (*fn)(void), const char *unit)
{
	long v[RUNS];
	fn(); /* warm up */
	for (int i = 0; i < RUNS; i++) {
		v[i] = fn();
		if (v[i] < 0) {
			printf("bench: %s FAILED (run %d)\n", name, i);
			return;
		}
	}
	report(name, v, unit);
}

int main(void)
{
	run("thread_create_exit_join", create_exit_join, "us");
	run("mutex_lock_unlock", lock_unlock, "ns");
	run("sem_pingpong", pingpong, "us");
	printf("bench: done\n");
	return 0;
}
