/* ch6_fill - fill the disk: write until the kernel says the disk is full
   (a short write or an error, never a crash), check the file system still
   works, then delete the big file and check the space came back. */
#include "ulib.h"

int main(void)
{
	static char buf[8192];
	memset(buf, 'x', sizeof(buf));
	long fd = open("/fill.bin", O_CREATE | O_WRONLY);
	assert(fd >= 0);
	long total = 0, r;
	while ((r = write(fd, buf, sizeof(buf))) == sizeof(buf))
		total += r;
	if (r > 0)
		total += r;
	close(fd);
	printf("fill: the disk took %ld KiB, then write returned %ld\n", total / 1024, r);
	assert(r < (long)sizeof(buf)); /* it did stop */
	fd = open("/after_full.txt", O_CREATE | O_WRONLY);
	if (fd >= 0) { /* may fail for lack of space: that is fine */
		write(fd, "x", 1);
		close(fd);
		unlink("/after_full.txt");
	}
	assert(unlink("/fill.bin") == 0);
	fd = open("/after_free.txt", O_CREATE | O_WRONLY);
	assert(fd >= 0);
	assert(write(fd, buf, sizeof(buf)) == sizeof(buf));
	close(fd);
	assert(unlink("/after_free.txt") == 0);
	printf("Test disk full OK!\n");
	return 0;
}
