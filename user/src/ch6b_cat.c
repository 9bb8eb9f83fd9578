/* ch6b_cat - print the file "filea" (made by ch6b_filetest_simple). */
#include "ulib.h"

int main(void)
{
	long fd = open("filea", O_RDONLY);
	if (fd < 0) {
		printf("Error occured when opening file\n");
		return -1;
	}
	char buf[16];
	long n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(STDOUT, buf, n);
	printf("\n");
	close(fd);
	return 0;
}
