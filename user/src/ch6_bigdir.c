/* ch6_bigdir - a directory of N files: every name is found, none twice,
   and making a file in it costs about what it costs in an empty one (the
   name index, kernel/fs/dircache.c). Once the N files are there, batches
   of BATCH creates in the big directory and in a small one take turns,
   each timed, and the fastest big batch must not be much slower than the
   fastest small one: taking turns and the fastest of SAMPLE, so that a
   busy host slowing QEMU down weighs on both alike. Scanning the directory
   on each create made the big batches 5 to 20 times slower. Prints "Test
   big directory OK!". */
#include "ulib.h"

#define N 2000
#define BATCH 50
#define SAMPLE 8

static int failures;

static long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.sec * 1000000 + tv.usec;
}

static void name_of(char *buf, int i)
{
	snprintf(buf, 48, "/bigdir/entry number %d", i);
}

static void small_name_of(char *buf, int i)
{
	snprintf(buf, 48, "/bigdir.small/entry number %d", i);
}

static void check(int ok, const char *what, int i)
{
	if (!ok && failures++ < 5)
		printf("bigdir: %s (file %d)\n", what, i);
}

/* Write every modified block back (closing a file opened for writing
   does), so that a measure does not include a write-back of earlier work. */
static void write_back(void)
{
	long fd = open("/bigdir.sync", O_CREATE | O_WRONLY);
	check(fd >= 0, "open /bigdir.sync", 0);
	close(fd);
}

/* Create files [from, to) (named by `name`), empty: the time it took in
   microseconds. They are opened read-only, so that closing them writes
   nothing back: the time is the file system's work, not the disk's. */
static long create_range(void (*name)(char *, int), int from, int to)
{
	char path[48];
	write_back();
	long t0 = now_us();
	for (int i = from; i < to; i++) {
		name(path, i);
		long fd = open(path, O_CREATE | O_RDONLY);
		check(fd >= 0, "create failed", i);
		close(fd);
	}
	return now_us() - t0;
}

static void remove_range(void (*name)(char *, int), int from, int to)
{
	char path[48];
	for (int i = from; i < to; i++) {
		name(path, i);
		check(unlink(path) == 0, "unlink failed", i);
	}
}

static int count_entries(void)
{
	static char buf[2048];
	long fd = open("/bigdir", O_RDONLY), n;
	int count = 0;
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen)
			count++;
	close(fd);
	return count;
}

int main(void)
{
	char name[48];
	long big = -1, small = -1;
	assert(mkdir("/bigdir") == 0 && mkdir("/bigdir.small") == 0);
	create_range(name_of, 0, N);
	for (int k = 0; k < SAMPLE; k++) {
		long t = create_range(name_of, N, N + BATCH);
		remove_range(name_of, N, N + BATCH);
		if (big < 0 || t < big)
			big = t;
		t = create_range(small_name_of, 0, BATCH);
		remove_range(small_name_of, 0, BATCH);
		if (small < 0 || t < small)
			small = t;
	}
	printf("bigdir: %d creates take %ld us among %d files, %ld us in an empty directory\n",
	       BATCH, big, N, small);
	check(big <= 3 * small + 1000, "creating is much slower in a big directory", N);
	check(count_entries() == N, "getdents64 does not list every file once", N);
	/* Every name found, none made twice; a few written to, and read back
	   under their name. */
	for (int i = 0; i < N; i++) {
		name_of(name, i);
		long fd = open(name, O_RDONLY);
		check(fd >= 0, "not found", i);
		close(fd);
		if (i % 97 == 0)
			check(link(name, name) < 0, "link onto an existing name", i);
	}
	for (int i = 0; i < N; i += N / 10) {
		name_of(name, i);
		long fd = open(name, O_WRONLY);
		check(fd >= 0 && write(fd, &i, sizeof(i)) == sizeof(i), "write", i);
		close(fd);
	}
	for (int i = 0; i < N; i += N / 10) {
		int got = -1;
		name_of(name, i);
		long fd = open(name, O_RDONLY);
		check(fd >= 0 && read(fd, &got, sizeof(got)) == sizeof(got) && got == i,
		      "another file's contents", i);
		close(fd);
	}
	/* Every other one removed; those left are still found, the others not. */
	for (int i = 0; i < N; i += 2) {
		name_of(name, i);
		check(unlink(name) == 0, "unlink failed", i);
	}
	for (int i = 0; i < N; i++) {
		name_of(name, i);
		long fd = open(name, O_RDONLY);
		check((fd >= 0) == (i % 2 == 1), "wrong after removing every other file", i);
		if (fd >= 0)
			close(fd);
	}
	check(count_entries() == N / 2, "getdents64 after the removals", N);
	for (int i = 1; i < N; i += 2) {
		name_of(name, i);
		check(unlink(name) == 0, "unlink failed", i);
	}
	check(rmdir("/bigdir") == 0, "rmdir of the emptied directory", N);
	check(rmdir("/bigdir.small") == 0, "rmdir /bigdir.small", N);
	check(unlink("/bigdir.sync") == 0, "unlink /bigdir.sync", N);
	if (failures == 0)
		printf("Test big directory OK!\n");
	return failures;
}
