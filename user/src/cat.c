/* cat - print the files named by the arguments, one after the other; with
   none, copy standard input (a pipe, a redirected file) to standard
   output until end of file. */
#include "ulib.h"

static char buf[4096];

static void copy(long fd)
{
	long n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(STDOUT, buf, n);
}

int main(int argc, char **argv)
{
	int status = 0;
	if (argc < 2)
		copy(STDIN);
	for (int i = 1; i < argc; i++) {
		long fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			printf("cat: %s: no such file (%ld)\n", argv[i], fd);
			status = 1;
			continue;
		}
		copy(fd);
		close(fd);
	}
	return status;
}
