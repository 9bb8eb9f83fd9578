/* ch6_file1 - fstat of a new file: a regular file with one link. */
#include "ulib.h"

int main(void)
{
	long fd = open("fname1", O_CREATE | O_WRONLY);
	assert(fd > 0);
	struct stat st;
	assert(fstat(fd, &st) == 0);
	assert(st.mode == S_IFREG);
	assert(st.nlink == 1);
	close(fd);
	test_ok("Test fstat OK!");
	return 0;
}
