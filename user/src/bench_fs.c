/* bench_fs - file system benchmarks (chapter 6+), run as initproc by
   `make bench` on each file system: sequential write then read of a
   4 MiB file (MiB/s), create + delete of small files (ops/s), and the
   same with BIG files in one directory, which shows whether looking a
   name up costs a scan of the directory (3000: easy-fs has 4096 inodes,
   rCore's layout, and the image's programs use some). Medians of RUNS
   runs, printed like bench.c's, each with what it cost the disk: the
   requests (reads, writes and flushes) and, of them, the flushes, as
   diskstat counts them. The read starts with an empty cache
   (drop_caches): it measures the disk, not a copy from memory. */
#include "ulib.h"

#define RUNS 3
#define SIZE (4L << 20)
#define SMALL 200
#define BIG 3000
#define BIG_RUNS RUNS

/* Disk requests since io_begin(): all kinds, and flushes. */
struct io {
	long requests, flushes;
};
static struct diskstat io_at;

static void io_begin(void)
{
	diskstat(0, &io_at);
}

static struct io io_end(void)
{
	struct diskstat now;
	struct io r = {-1, -1};
	if (diskstat(0, &now) == 0) {
		r.requests = (long)(now.reads + now.writes + now.flushes -
				    (io_at.reads + io_at.writes + io_at.flushes));
		r.flushes = (long)(now.flushes - io_at.flushes);
	}
	return r;
}

static long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.sec * 1000000 + tv.usec;
}

/* Create n one-byte files in `dir` ("" for the root; another is made for
   the purpose and removed after), then delete them: operations per
   second x1000, or -1. */
static long create_delete(const char *dir, int n, struct io *io)
{
	char name[48];
	if (dir[0] != '\0' && mkdir(dir) != 0) {
		printf("bench: create_delete FAILED (mkdir %s)\n", dir);
		return -1;
	}
	io_begin();
	long t0 = now_us();
	for (int k = 0; k < n; k++) {
		snprintf(name, sizeof(name), "%s/small%d", dir, k);
		long fd = open(name, O_CREATE | O_WRONLY);
		if (fd < 0 || write(fd, "x", 1) != 1) {
			printf("bench: create_delete FAILED (create %s: %ld)\n", name, fd);
			return -1;
		}
		close(fd);
	}
	for (int k = 0; k < n; k++) {
		snprintf(name, sizeof(name), "%s/small%d", dir, k);
		if (unlink(name) != 0) {
			printf("bench: create_delete FAILED (unlink %s)\n", name);
			return -1;
		}
	}
	long t1 = now_us();
	*io = io_end();
	if (dir[0] != '\0' && rmdir(dir) != 0) {
		printf("bench: create_delete FAILED (rmdir %s)\n", dir);
		return -1;
	}
	return (long)n * 2 * 1000000 * 1000 / (t1 - t0);
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

static void report(const char *name, long *v, struct io *io, int runs, const char *unit)
{
	long req[RUNS], fl[RUNS];
	for (int i = 0; i < runs; i++) {
		req[i] = io[i].requests;
		fl[i] = io[i].flushes;
	}
	sort(v, runs);
	sort(req, runs);
	sort(fl, runs);
	long m = v[runs / 2];
	printf("bench: %s %ld.%03ld %s (runs:", name, m / 1000, m % 1000, unit);
	for (int i = 0; i < runs; i++)
		printf(" %ld.%03ld", v[i] / 1000, v[i] % 1000);
	printf(") [disk: %ld requests, %ld flushes]\n", req[runs / 2], fl[runs / 2]);
}

static char buf[64 * 1024];

int main(void)
{
	long w[RUNS], r[RUNS], c[RUNS], big[BIG_RUNS];
	struct io wio[RUNS], rio[RUNS], cio[RUNS], bigio[BIG_RUNS];
	for (int i = 0; i < RUNS; i++) {
		memset(buf, 'a' + i, sizeof(buf));
		long fd = open("/bench.bin", O_CREATE | O_WRONLY);
		io_begin();
		long t0 = now_us();
		for (long done = 0; done < SIZE; done += sizeof(buf))
			if (write(fd, buf, sizeof(buf)) != sizeof(buf)) {
				printf("bench: file_write FAILED (write)\n");
				return 1;
			}
		close(fd);
		long t1 = now_us();
		wio[i] = io_end();
		if (drop_caches() < 0) {
			printf("bench: file_read FAILED (drop_caches)\n");
			return 1;
		}
		io_begin();
		long t2 = now_us();
		fd = open("/bench.bin", O_RDONLY);
		for (long done = 0; done < SIZE; done += sizeof(buf))
			if (read(fd, buf, sizeof(buf)) != sizeof(buf) || buf[100] != 'a' + i) {
				printf("bench: file_read FAILED (read)\n");
				return 1;
			}
		close(fd);
		long t3 = now_us();
		rio[i] = io_end();
		unlink("/bench.bin");
		w[i] = (SIZE * 1000000 / (t1 - t0)) * 1000 / (1 << 20);
		r[i] = (SIZE * 1000000 / (t3 - t2)) * 1000 / (1 << 20);

		if ((c[i] = create_delete("", SMALL, &cio[i])) < 0)
			return 1;
	}
	for (int i = 0; i < BIG_RUNS; i++)
		if ((big[i] = create_delete("/big", BIG, &bigio[i])) < 0)
			return 1;
	report("file_write_4MiB", w, wio, RUNS, "MiB/s");
	report("file_read_4MiB", r, rio, RUNS, "MiB/s");
	report("create_delete_small", c, cio, RUNS, "ops/s");
	report("create_delete_3000", big, bigio, BIG_RUNS, "ops/s");
	printf("bench: done\n");
	return 0;
}
