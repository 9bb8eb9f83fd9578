/* ls - list a directory (the working directory by default): one entry a
   line, directories with a trailing '/'. */
#include "ulib.h"

static int list(const char *path)
{
	long fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("ls: %s: cannot open (%ld)\n", path, fd);
		return 1;
	}
	static char buf[2048];
	long n;
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			printf("%s%s\n", d->d_name, d->d_type == 4 ? "/" : "");
			off += d->d_reclen;
		}
	}
	close(fd);
	if (n < 0) {
		printf("ls: %s: not a directory (%ld)\n", path, n);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return list(".");
	int status = 0;
	for (int i = 1; i < argc; i++)
		status |= list(argv[i]);
	return status;
}
