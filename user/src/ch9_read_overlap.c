/* ch9_read_overlap - two processes reading two different files wait for
   the disk together (chapter 9). It writes two files, empties the block
   cache (drop_caches), then two children read one each from the start
   while the parent waits. The disk must have had two requests or more at once
   (irqstat's disk_in_flight_max, a peak that each irqstat call
   restarts): a kernel that lets one thread at a time into the file
   systems never gets there. Every byte read is checked too. */
#include "ulib.h"

#define SIZE (1L << 20)
#define CHUNK 4096

static char buf[CHUNK];

static int make_file(const char *name, char tag)
{
	long fd = open(name, O_WRONLY | O_CREATE | O_TRUNC);
	if (fd < 0)
		return -1;
	for (long off = 0; off < SIZE; off += CHUNK) {
		for (int i = 0; i < CHUNK; i++)
			buf[i] = (char)(tag + (off + i) % 7);
		if (write(fd, buf, CHUNK) != CHUNK)
			return -1;
	}
	return close(fd) == 0 ? 0 : -1;
}

/* Read `name` whole and check it; exit 0 if right. */
static void read_file(const char *name, char tag)
{
	long fd = open(name, O_RDONLY), off = 0, n;
	if (fd < 0)
		exit(2);
	while ((n = read(fd, buf, CHUNK)) > 0) {
		for (long i = 0; i < n; i++)
			if (buf[i] != (char)(tag + (off + i) % 7))
				exit(3);
		off += n;
	}
	close(fd);
	exit(off == SIZE ? 0 : 4);
}

int main(void)
{
	if (make_file("ov_a", 'a') != 0 || make_file("ov_b", 'A') != 0) {
		printf("ch9_read_overlap: FAIL: cannot write the files\n");
		return 1;
	}
	if (drop_caches() < 0) {
		printf("ch9_read_overlap: FAIL: drop_caches\n");
		return 1;
	}
	struct irqstat st;
	irqstat(&st); /* restart the peak */
	long a = fork();
	if (a == 0)
		read_file("ov_a", 'a');
	long b = fork();
	if (b == 0)
		read_file("ov_b", 'A');
	int ca = -1, cb = -1;
	waitpid(a, &ca);
	waitpid(b, &cb);
	irqstat(&st);
	unlink("ov_a");
	unlink("ov_b");
	printf("ch9_read_overlap: the readers ended with %d and %d; at most %u disk requests "
	       "at once\n",
	       ca, cb, st.disk_in_flight_max);
	if (ca != 0 || cb != 0) {
		printf("ch9_read_overlap: FAIL: a reader got wrong bytes\n");
		return 1;
	}
	if (st.disk_in_flight_max < 2) {
		printf(
		    "ch9_read_overlap: FAIL: the two readers never waited for the disk together\n");
		return 1;
	}
	printf("Test ch9 read overlap OK!\n");
	return 0;
}
