/* ch6_dirs - directories: mkdir, chdir, getcwd, relative and absolute
   paths, "..", listing with getdents64, and rmdir of empty directories. */
#include "ulib.h"

static int count_entries(const char *path, const char *want)
{
	static char buf[1024];
	long fd = open(path, O_RDONLY), n;
	int found = 0;
	assert(fd >= 0);
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen)
			found += strcmp(((struct dirent64 *)(buf + off))->d_name, want) == 0;
	close(fd);
	return found;
}

int main(void)
{
	char cwd[256];
	assert(mkdir("/d1") == 0);
	assert(mkdir("/d1") < 0); /* exists */
	assert(mkdir("/d1/d2") == 0);
	assert(chdir("/d1/d2") == 0);
	assert(getcwd(cwd, sizeof(cwd)) > 0 && strcmp(cwd, "/d1/d2") == 0);
	long fd = open("inner.txt", O_CREATE | O_WRONLY);
	assert(fd >= 0);
	assert(write(fd, "deep", 4) == 4);
	close(fd);
	assert(chdir("..") == 0);
	assert(getcwd(cwd, sizeof(cwd)) > 0 && strcmp(cwd, "/d1") == 0);
	char buf[8] = {0};
	fd = open("d2/inner.txt", O_RDONLY);
	assert(fd >= 0 && read(fd, buf, sizeof(buf)) == 4 && memcmp(buf, "deep", 4) == 0);
	close(fd);
	assert(count_entries("/d1", "d2") == 1);
	assert(count_entries("/d1/d2", "inner.txt") == 1);
	assert(chdir("d2/inner.txt") < 0); /* not a directory */
	assert(rmdir("/d1/d2") < 0);       /* not empty */
	assert(unlink("/d1/d2/inner.txt") == 0);
	assert(rmdir("/d1/d2") == 0);
	assert(count_entries("/d1", "d2") == 0);
	assert(chdir("/") == 0);
	assert(rmdir("d1") == 0);
	assert(open("/d1", O_RDONLY) < 0);
	printf("Test directories OK!\n");
	return 0;
}
