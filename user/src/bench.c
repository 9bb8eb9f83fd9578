/* bench - kernel micro-benchmarks (chapter 5+), run as initproc by
   `make bench`. Each figure is the median of RUNS runs, timed with
   gettimeofday (microseconds), and printed as
     bench: <name> <value> <unit> (runs: ...)
   or `bench: <name> FAILED <why>` when it could not be measured. */
#include "ulib.h"

#define RUNS 5

static long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.sec * 1000000 + tv.usec;
}

/* Figures are kept in thousandths of their unit: integers only (user
   programs are built without floating point). */
static void sort(long *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
			long t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static void report(const char *name, long *v, const char *unit)
{
	sort(v, RUNS);
	long m = v[RUNS / 2];
	printf("bench: %s %ld.%03ld %s (runs:", name, m / 1000, m % 1000, unit);
	for (int i = 0; i < RUNS; i++)
		printf(" %ld.%03ld", v[i] / 1000, v[i] % 1000);
	printf(")\n");
}

static long null_syscall(void)
{
	const int n = 20000;
	long t0 = now_us();
	for (int i = 0; i < n; i++)
		getpid();
	return (now_us() - t0) * 1000000 / n; /* ns per call, x1000 */
}

/* The floor under null_syscall: a trap that the hal's entry code returns
   from at once, before it saves anything (SYS_BARE_TRAP). It comes back
   with SYS_BARE_TRAP in the return register (the first argument's, left
   as it was; x86_64's rax held the number); through the kernel it would
   be -ENOSYS. */
static long bare_trap(void)
{
	const int n = 20000;
	long t0 = now_us();
	for (int i = 0; i < n; i++)
		if (__syscall(SYS_BARE_TRAP, SYS_BARE_TRAP, 0, 0, 0, 0, 0) != SYS_BARE_TRAP)
			return -1;
	return (now_us() - t0) * 1000000 / n; /* ns per trap, x1000 */
}

static long yield_pingpong(void)
{
	const int n = 5000;
	long pid = fork();
	if (pid == 0) {
		for (int i = 0; i < n; i++)
			sched_yield();
		exit(0);
	}
	long t0 = now_us();
	for (int i = 0; i < n; i++)
		sched_yield();
	long t = now_us() - t0;
	int code;
	waitpid(pid, &code);
	return t * 1000 / n; /* us per round trip (two switches), x1000 */
}

static long fork_wait(void)
{
	const int n = 50;
	long t0 = now_us();
	for (int i = 0; i < n; i++) {
		long pid = fork();
		if (pid == 0)
			exit(0);
		int code;
		if (pid < 0 || waitpid(pid, &code) != pid)
			return -1;
	}
	return (now_us() - t0) * 1000 / n; /* us, x1000 */
}

static long fork_exec_wait(void)
{
	const int n = 30;
	long t0 = now_us();
	for (int i = 0; i < n; i++) {
		long pid = fork();
		if (pid == 0) {
			exec("bench_nop", NULL);
			exit(99);
		}
		int code;
		if (pid < 0 || waitpid(pid, &code) != pid || code != 0)
			return -1;
	}
	return (now_us() - t0) * 1000 / n; /* us, x1000 */
}

static long mmap_touch(void)
{
	const uint64_t base = 0x20000000, pages = 64;
	long t0 = now_us();
	if (mmap(base, pages * PAGE_SIZE, 3) != 0)
		return -1;
	for (uint64_t p = 0; p < pages; p++)
		*(volatile char *)(base + p * PAGE_SIZE) = 1;
	if (munmap(base, pages * PAGE_SIZE) != 0)
		return -1;
	return (now_us() - t0) * 1000 / (long)pages; /* us per page, x1000 */
}

/* Run fn RUNS times and report; the median, or -1 if it failed. */
static long run(const char *name, long (*fn)(void), const char *unit)
{
	long v[RUNS];
	fn(); /* warm up */
	for (int i = 0; i < RUNS; i++) {
		v[i] = fn();
		if (v[i] < 0) {
			printf("bench: %s FAILED (run %d)\n", name, i);
			return -1;
		}
	}
	report(name, v, unit);
	return v[RUNS / 2];
}

int main(void)
{
	long trap = run("bare_trap", bare_trap, "ns");
	long sys = run("null_syscall", null_syscall, "ns");
	if (trap > 0 && sys > 0) /* how far from the floor, in this run */
		printf("bench: syscall_over_trap %ld.%03ld x\n", sys / trap,
		       sys * 1000 / trap % 1000);
	else
		printf("bench: syscall_over_trap FAILED (no figure to divide)\n");
	run("yield_roundtrip", yield_pingpong, "us");
	run("fork_exit_wait", fork_wait, "us");
	run("fork_exec_wait", fork_exec_wait, "us");
	run("mmap_touch_unmap", mmap_touch, "us/page");
	printf("bench: done\n");
	return 0;
}
