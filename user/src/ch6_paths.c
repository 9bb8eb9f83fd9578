/* ch6_paths - what paths mean, with the exact error codes (Linux's):
   "." and ".." cannot be removed, a trailing '/' names a directory (so on
   a file it is -ENOTDIR and creates nothing), "file/.." and "missing/.."
   fail instead of being cut away as text; getdents64 into a bad buffer is
   -EFAULT, not an empty directory; and a full descriptor table fails
   before open creates or empties anything. Prints "Test paths OK!". */
#include "ulib.h" /* the errno values: include/abi/errno.h */

#define KERNEL_ADDR 0xfffffffffffff000UL

static int failures;

static void expect(const char *what, long got, long want)
{
	if (got != want) {
		printf("paths: %s returned %ld, expected %ld\n", what, got, want);
		failures++;
	}
}

/* 1 if `path` can be opened (closing it again), else the error. */
static long there(const char *path)
{
	long fd = open(path, O_RDONLY);
	if (fd < 0)
		return fd;
	close(fd);
	return 1;
}

/* The bytes in a small file, or the error. */
static long size_of(const char *path)
{
	char buf[16];
	long fd = open(path, O_RDONLY);
	if (fd < 0)
		return fd;
	long n = read(fd, buf, sizeof(buf));
	close(fd);
	return n;
}

static void removal(void)
{
	expect("rmdir(\".\")", rmdir("."), -EINVAL);
	expect("rmdir(\"d/.\")", rmdir("d/."), -EINVAL);
	expect("rmdir(\"/pt/d/./\")", rmdir("/pt/d/./"), -EINVAL);
	expect("rmdir(\"..\")", rmdir(".."), -ENOTEMPTY);
	expect("rmdir(\"d/..\")", rmdir("d/.."), -ENOTEMPTY);
	expect("rmdir(\"/\")", rmdir("/"), -EINVAL);
	expect("unlink(\".\")", unlink("."), -EISDIR);
	expect("unlink(\"d/..\")", unlink("d/.."), -EISDIR);
	expect("d is still there", there("/pt/d"), 1);
	expect("the working directory is still there", there("."), 1);
}

static void trailing_slash(void)
{
	expect("unlink(\"f/\")", unlink("f/"), -ENOTDIR);
	expect("f is still there", there("f"), 1);
	expect("rmdir(\"f/\")", rmdir("f/"), -ENOTDIR);
	expect("unlink(\"d/\")", unlink("d/"), -EISDIR);
	expect("open(\"f/\")", open("f/", O_RDONLY), -ENOTDIR);
	expect("open(\"f/.\")", open("f/.", O_RDONLY), -ENOTDIR);
	expect("open(\"f/..\")", open("f/..", O_RDONLY), -ENOTDIR);
	expect("open(\"f/../f\")", open("f/../f", O_RDONLY), -ENOTDIR);
	expect("open(\"missing/../f\")", open("missing/../f", O_RDONLY), -ENOENT);
	expect("open(\"f/\", O_CREATE)", open("f/", O_CREATE | O_WRONLY), -ENOTDIR);
	expect("open(\"new/\", O_CREATE)", open("new/", O_CREATE | O_WRONLY), -EISDIR);
	expect("no file new", there("new"), -ENOENT);
	expect("open(\"d\", O_CREATE)", open("d", O_CREATE | O_RDONLY), -EISDIR);
	expect("open(\"d\", O_WRONLY)", open("d", O_WRONLY), -EISDIR);
	expect("link(\"f\", \"g/\")", link("f", "g/"), -ENOTDIR);
	expect("no file g", there("g"), -ENOENT);
	expect("link(\"f/\", \"g\")", link("f/", "g"), -ENOTDIR);
	expect("link(\"f\", \".\")", link("f", "."), -EEXIST);
	expect("chdir(\"f/\")", chdir("f/"), -ENOTDIR);
	expect("mkdir(\"f/x\")", mkdir("f/x"), -ENOTDIR);
	expect("mkdir(\".\")", mkdir("."), -EEXIST);
	expect("mkdir(\"d/..\")", mkdir("d/.."), -EEXIST);
	expect("mkdir(\"/\")", mkdir("/"), -EEXIST);
	/* A directory may be named with a trailing '/'. */
	expect("mkdir(\"e/\")", mkdir("e/"), 0);
	expect("open(\"e/\")", there("e/"), 1);
	expect("open(\"d/../e/.\")", there("d/../e/."), 1);
	expect("chdir(\"d/../e//\")", chdir("d/../e//"), 0);
	char cwd[64];
	expect("getcwd", getcwd(cwd, sizeof(cwd)) > 0 && strcmp(cwd, "/pt/e") == 0, 1);
	expect("chdir(\"..\")", chdir(".."), 0);
	expect("getcwd", getcwd(cwd, sizeof(cwd)) > 0 && strcmp(cwd, "/pt") == 0, 1);
	expect("rmdir(\"e/\")", rmdir("e/"), 0);
	expect("f still holds its byte", size_of("f"), 1);
}

/* In a removed working directory nothing can be made. */
static void removed_cwd(void)
{
	expect("mkdir(\"gone\")", mkdir("gone"), 0);
	expect("chdir(\"gone\")", chdir("gone"), 0);
	expect("rmdir(\"/pt/gone\")", rmdir("/pt/gone"), 0);
	expect("open(\"x\", O_CREATE) in a removed directory", open("x", O_CREATE | O_WRONLY),
	       -ENOENT);
	expect("chdir(\"/pt\")", chdir("/pt"), 0);
}

static void bad_dirent_buffer(void)
{
	static char buf[512];
	long fd = open("/pt", O_RDONLY);
	expect("open(\"/pt\")", fd >= 0, 1);
	expect("getdents64(kernel address)", getdents64(fd, (void *)KERNEL_ADDR, 512), -EFAULT);
	expect("getdents64(NULL)", getdents64(fd, NULL, sizeof(buf)), -EFAULT);
	expect("getdents64(unmapped)", getdents64(fd, (void *)0x10, sizeof(buf)), -EFAULT);
	long n = getdents64(fd, buf, sizeof(buf)); /* the errors moved nothing */
	int names = 0;
	for (long off = 0; n > 0 && off < n; off += ((struct dirent64 *)(buf + off))->d_reclen)
		names++;
	expect("getdents64 after the errors: entries", names, 2); /* f and d */
	close(fd);
}

/* With every descriptor taken, open fails first: it neither creates nor
   empties a file. */
static void full_descriptor_table(void)
{
	long fds[40];
	int n = 0;
	long fd;
	while (n < 40 && (fd = open("f", O_RDONLY)) >= 0)
		fds[n++] = fd;
	expect("open with the table full", fd, -EMFILE);
	expect("O_CREATE with the table full", open("made", O_CREATE | O_WRONLY), -EMFILE);
	expect("O_TRUNC with the table full", open("f", O_CREATE | O_TRUNC | O_WRONLY), -EMFILE);
	while (n > 0)
		close(fds[--n]);
	expect("no file made", there("made"), -ENOENT);
	expect("f not emptied", size_of("f"), 1);
	expect("close(99)", close(99), -EBADF);
}

int main(void)
{
	expect("mkdir(\"/pt\")", mkdir("/pt"), 0);
	expect("chdir(\"/pt\")", chdir("/pt"), 0);
	long fd = open("f", O_CREATE | O_WRONLY);
	expect("write f", write(fd, "x", 1), 1);
	close(fd);
	expect("mkdir(\"d\")", mkdir("d"), 0);
	removal();
	trailing_slash();
	removed_cwd();
	bad_dirent_buffer();
	full_descriptor_table();
	expect("unlink(\"f\")", unlink("f"), 0);
	expect("rmdir(\"d/\")", rmdir("d/"), 0);
	expect("chdir(\"/\")", chdir("/"), 0);
	expect("rmdir(\"/pt\")", rmdir("/pt"), 0);
	if (failures == 0)
		printf("Test paths OK!\n");
	return failures;
}
