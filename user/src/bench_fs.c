/* bench_fs - file system benchmarks (chapter 6+), run as initproc by
   `make bench` on each file system: sequential write then read of a
   4 MiB file (MiB/s), and create + delete of small files (ops/s).
   Medians of RUNS runs, printed like bench.c's. */
#include "ulib.h"

#define RUNS 3
#define SIZE (4L << 20)
#define SMALL 200

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

static char buf[64 * 1024];

int main(void)
{
	long w[RUNS], r[RUNS], c[RUNS];
	for (int i = 0; i < RUNS; i++) {
		memset(buf, 'a' + i, sizeof(buf));
		long fd = open("/bench.bin", O_CREATE | O_WRONLY);
		long t0 = now_us();
		for (long done = 0; done < SIZE; done += sizeof(buf))
			if (write(fd, buf, sizeof(buf)) != sizeof(buf)) {
				printf("bench: file_write FAILED (write)\n");
				return 1;
			}
		close(fd);
		long t1 = now_us();
		fd = open("/bench.bin", O_RDONLY);
		for (long done = 0; done < SIZE; done += sizeof(buf))
			if (read(fd, buf, sizeof(buf)) != sizeof(buf) || buf[100] != 'a' + i) {
				printf("bench: file_read FAILED (read)\n");
				return 1;
			}
		close(fd);
		long t2 = now_us();
		unlink("/bench.bin");
		w[i] = (SIZE * 1000000 / (t1 - t0)) * 1000 / (1 << 20);
		r[i] = (SIZE * 1000000 / (t2 - t1)) * 1000 / (1 << 20);

		char name[32];
		long t3 = now_us();
		for (int k = 0; k < SMALL; k++) {
			snprintf(name, sizeof(name), "/small%d", k);
			fd = open(name, O_CREATE | O_WRONLY);
			if (fd < 0 || write(fd, "x", 1) != 1) {
				printf("bench: create_delete FAILED (create %s)\n", name);
				return 1;
			}
			close(fd);
		}
		for (int k = 0; k < SMALL; k++) {
			snprintf(name, sizeof(name), "/small%d", k);
			if (unlink(name) != 0) {
				printf("bench: create_delete FAILED (unlink %s)\n", name);
				return 1;
			}
		}
		long t4 = now_us();
		c[i] = (long)SMALL * 2 * 1000000 * 1000 / (t4 - t3); /* ops/s x1000 */
	}
	report("file_write_4MiB", w, "MiB/s");
	report("file_read_4MiB", r, "MiB/s");
	report("create_delete_small", c, "ops/s");
	printf("bench: done\n");
	return 0;
}
