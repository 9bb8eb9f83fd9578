/* ch6_file2 - hard links: linkat adds names, unlinkat removes them, the
   data stays until the last name goes; fstat counts the links. */
#include "ulib.h"

int main(void)
{
	const char *test_str = "Hello, world!";
	long fd = open("fname2", O_CREATE | O_WRONLY);
	assert(fd > 0);
	assert(link("fname2", "linkname0") == 0);
	struct stat st, st2;
	fstat(fd, &st);
	assert(st.nlink == 2);
	assert(link("fname2", "linkname1") == 0);
	assert(link("fname2", "linkname2") == 0);
	fstat(fd, &st);
	assert(st.nlink == 4);
	write(fd, test_str, strlen(test_str));
	close(fd);
	assert(unlink("fname2") == 0);
	fd = open("linkname0", O_RDONLY);
	assert(fd > 0);
	char buf[100];
	long n = read(fd, buf, sizeof(buf));
	assert(n == (long)strlen(test_str) && memcmp(buf, test_str, n) == 0);
	fstat(fd, &st2);
	assert(st2.dev == st.dev && st2.ino == st.ino);
	assert(st2.nlink == 3);
	assert(unlink("linkname1") == 0);
	assert(unlink("linkname2") == 0);
	fstat(fd, &st2);
	assert(st2.nlink == 1);
	close(fd);
	assert(unlink("linkname0") == 0);
	test_ok("Test link OK!");
	return 0;
}
