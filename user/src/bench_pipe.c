/* bench_pipe - pipe benchmarks (chapter 7+), run as initproc by
   `make bench`, printed as bench.c prints its figures:
     pipe_roundtrip   one byte to a child and one back, over two pipes (us)
     pipe_throughput  4 MiB through a pipe in 4 KiB writes to a child that
                      reads 4 KiB at a time (MiB/s, until the child has all)
   Each is the median of RUNS runs. */
#include "ch7_pipes.h"

#define RUNS 5
#define TRIPS 2000
#define STREAM (4 * 1024 * 1024)
#define PIECE 4096

static long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.sec * 1000000 + tv.usec;
}

static void report(const char *name, long *v, const char *unit)
{
	for (int i = 1; i < RUNS; i++)
		for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
			long t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	long m = v[RUNS / 2];
	printf("bench: %s %ld.%03ld %s (runs:", name, m / 1000, m % 1000, unit);
	for (int i = 0; i < RUNS; i++)
		printf(" %ld.%03ld", v[i] / 1000, v[i] % 1000);
	printf(")\n");
}

/* Microseconds per round trip, x1000; -1 on an error. */
static long roundtrip(void)
{
	int there[2], back[2], code;
	if (pipe_fds(there) != 0 || pipe_fds(back) != 0)
		return -1;
	long pid = fork();
	if (pid == 0) {
		char c;
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			if (write(back[1], &c, 1) != 1)
				exit(1);
		exit(0);
	}
	close(there[0]);
	close(back[1]);
	char c = 'x';
	long t0 = now_us(), bad = 0;
	for (int i = 0; i < TRIPS; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			bad = 1;
	long t = now_us() - t0;
	close(there[1]);
	close(back[0]);
	if (waitpid(pid, &code) != pid || code != 0 || bad)
		return -1;
	return t * 1000 / TRIPS;
}

/* MiB/s, x1000; -1 on an error. */
static long throughput(void)
{
	static char buf[PIECE];
	int p[2], code;
	if (pipe_fds(p) != 0)
		return -1;
	long t0 = now_us();
	long pid = fork();
	if (pid == 0) {
		close(p[1]);
		long got = 0, r;
		while ((r = read(p[0], buf, PIECE)) > 0)
			got += r;
		exit(got == STREAM ? 0 : 1);
	}
	close(p[0]);
	for (long sent = 0; sent < STREAM; sent += PIECE)
		if (write(p[1], buf, PIECE) != PIECE)
			break;
	close(p[1]);
	if (waitpid(pid, &code) != pid || code != 0)
		return -1;
	long t = now_us() - t0;
	return t > 0 ? (long)STREAM * 1000000 / t * 1000 / (1024 * 1024) : -1;
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
	run("pipe_roundtrip", roundtrip, "us");
	run("pipe_throughput", throughput, "MiB/s");
	printf("bench: done\n");
	return 0;
}
