/* ch9_disk_dead - what a program sees when the disk stops answering. Run
   it on a kernel built with FAULT=disk, where the device never answers
   the first write after boot: writing a file and closing it (which puts
   it on the disk) must fail with EIO after the driver's timeout instead
   of hanging; a second file fails at once, the disk being taken for
   dead; the program, and the kernel, go on. */
#include "ulib.h"

/* Create `name`, write to it, close it: the first error, or 0. */
static long write_file(const char *name)
{
	long fd = open(name, O_WRONLY | O_CREATE | O_TRUNC);
	if (fd < 0)
		return fd;
	long r = write(fd, "lost\n", 5);
	long c = close(fd);
	return r < 0 ? r : c;
}

int main(void)
{
	long start = get_time();
	long first = write_file("dead1");
	long t1 = get_time() - start;
	printf("ch9_disk_dead: the first file: %ld after %ld ms\n", first, t1);
	start = get_time();
	long second = write_file("dead2");
	long t2 = get_time() - start;
	printf("ch9_disk_dead: the second file: %ld after %ld ms\n", second, t2);
	if (first != -EIO || second != -EIO) {
		printf("ch9_disk_dead: FAIL: expected -EIO (%d) twice\n", -EIO);
		return 1;
	}
	if (t1 < 1000 || t2 > 1000) {
		printf("ch9_disk_dead: FAIL: the first error should come after the timeout, the "
		       "second at once\n");
		return 1;
	}
	printf("Test ch9 disk dead OK!\n");
	return 0;
}
