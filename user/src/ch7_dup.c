/* ch7_dup - dup gives the lowest free descriptor on the same open file,
   so the two share the offset; a bad descriptor is -EBADF; a full table
   -EMFILE. */
#include "ch7_pipes.h"

int main(void)
{
	char buf[16];
	long fd = open("/ch7_dup.txt", O_CREATE | O_WRONLY);
	assert(fd >= 3);
	long d = dup_fd(fd);
	assert(d == fd + 1); /* the lowest free one */
	assert(write(fd, "abc", 3) == 3);
	assert(write(d, "def", 3) == 3); /* after "abc": one offset */
	close(fd);
	assert(write(d, "g", 1) == 1); /* still open through d */
	close(d);

	fd = open("/ch7_dup.txt", O_RDONLY);
	assert(fd >= 0);
	assert(read(fd, buf, 3) == 3 && memcmp(buf, "abc", 3) == 0);
	d = dup_fd(fd);
	assert(read(d, buf, sizeof(buf)) == 4 && memcmp(buf, "defg", 4) == 0);
	assert(read(fd, buf, sizeof(buf)) == 0);
	close(d);

	/* a freed descriptor below is the next one dup gives */
	close(fd);
	long low = dup_fd(1);
	assert(low == fd);
	close(low);

	assert(dup_fd(-1) == -EBADF);
	assert(dup_fd(99) == -EBADF);
	assert(dup_fd(1L << 40) == -EBADF);
	assert(dup_fd(fd) == -EBADF); /* closed */

	long fds[40];
	int n = 0;
	while ((fds[n] = dup_fd(1)) >= 0)
		assert(++n < 40);
	assert(fds[n] == -EMFILE);
	for (int i = 0; i < n; i++)
		close(fds[i]);
	assert(dup_fd(1) == 3);
	close(3);
	assert(unlink("/ch7_dup.txt") == 0);
	printf("Test dup OK!\n");
	return 0;
}
