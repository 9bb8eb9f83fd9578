/* bench_pipe - pipe benchmarks (chapter 7+), run as initproc by `make
   bench`: the round trip of one byte between two processes (a ping down
   one pipe, a pong up another; microseconds) and the throughput of 4 MiB
   sent through a pipe in 4 KiB writes (MiB/s). Medians of RUNS runs,
   printed like bench.c's. */
#include "ulib.h"

#define RUNS 5
#define TRIPS 500
#define SIZE (4L << 20)
#define CHUNK 4096

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

static long roundtrip(void)
{
	int down[2], up[2];
	if (pipe(down) < 0)
		return -1;
	if (pipe(up) < 0) {
		close(down[0]);
		close(down[1]);
		return -1;
	}
	long pid = fork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		char c;
		while (read(down[0], &c, 1) == 1)
			write(up[1], &c, 1);
		exit(0);
	}
	close(down[0]);
	close(up[1]);
	long t = -1;
	if (pid > 0) {
		char c = 'x';
		long t0 = now_us();
		int i;
		for (i = 0; i < TRIPS; i++)
			if (write(down[1], &c, 1) != 1 || read(up[0], &c, 1) != 1)
				break;
		if (i == TRIPS)
			t = (now_us() - t0) * 1000 / TRIPS; /* us, x1000 */
	}
	close(down[1]); /* the child reads end of file and exits */
	close(up[0]);
	int code;
	if (pid > 0)
		waitpid(pid, &code);
	return t;
}

static long throughput(void)
{
	static char buf[CHUNK];
	int p[2];
	if (pipe(p) < 0)
		return -1;
	long pid = fork();
	if (pid == 0) {
		close(p[1]);
		long got = 0, n;
		while ((n = read(p[0], buf, CHUNK)) > 0)
			got += n;
		exit(got == SIZE ? 0 : 1);
	}
	close(p[0]);
	long t0 = now_us(), sent = 0;
	while (pid > 0 && sent < SIZE && write(p[1], buf, CHUNK) == CHUNK)
		sent += CHUNK;
	close(p[1]);
	int code = 1;
	if (pid > 0)
		waitpid(pid, &code);
	long us = now_us() - t0;
	if (sent != SIZE || code != 0 || us <= 0)
		return -1;
	return SIZE * 1000000L / us * 1000 / (1L << 20); /* MiB/s, x1000 */
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
	run("pipe_throughput_4MiB", throughput, "MiB/s");
	printf("bench: done\n");
	return 0;
}
