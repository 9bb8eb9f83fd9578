/* ch6_file0 - basic file write and read back. */
#include "ulib.h"

int main(void)
{
	const char *test_str = "Hello, world!";
	long fd = open("fname", O_CREATE | O_WRONLY);
	assert(fd > 0);
	write(fd, test_str, strlen(test_str));
	close(fd);
	fd = open("fname", O_RDONLY);
	assert(fd > 0);
	char buffer[100];
	long n = read(fd, buffer, sizeof(buffer));
	close(fd);
	assert(n == (long)strlen(test_str) && memcmp(buffer, test_str, n) == 0);
	test_ok("Test file0 OK!");
	return 0;
}
