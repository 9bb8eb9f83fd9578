/* cat - print files. */
#include "ulib.h"

int main(int argc, char **argv)
{
	static char buf[4096];
	int status = 0;
	for (int i = 1; i < argc; i++) {
		long fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			printf("cat: %s: no such file (%ld)\n", argv[i], fd);
			status = 1;
			continue;
		}
		long n;
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			write(STDOUT, buf, n);
		close(fd);
	}
	return status;
}
