/* ch6_fs_bad - file system calls with bad arguments all fail cleanly:
   bad pointers, bad descriptors, missing files, names too long, and a
   malformed program file that exec and spawn must refuse. */
#include "ulib.h"

#define KERNEL_ADDR 0xfffffffffffff000UL
static int failures;

static void expect_error(const char *what, long ret)
{
	if (ret >= 0) {
		printf("accepted: %s returned %ld\n", what, ret);
		failures++;
	}
}

int main(void)
{
	static char longname[400];
	memset(longname, 'n', sizeof(longname) - 1);
	char buf[16];
	expect_error("open(NULL)", open(NULL, O_RDONLY));
	expect_error("open(kernel)", open((char *)KERNEL_ADDR, O_RDONLY));
	expect_error("open(missing)", open("/no/such/file", O_RDONLY));
	expect_error("open(long name)", open(longname, O_CREATE | O_WRONLY));
	expect_error("read(bad fd)", read(99, buf, 1));
	expect_error("write(bad fd)", write(-5, buf, 1));
	expect_error("close(bad fd)", close(31));
	long fd = open("/bad_test", O_CREATE | O_RDWR);
	assert(fd >= 0);
	expect_error("read(kernel buffer)", read(fd, (void *)KERNEL_ADDR, 16));
	expect_error("write(kernel buffer)", write(fd, (void *)KERNEL_ADDR, 16));
	expect_error("fstat(kernel)", fstat(fd, (struct stat *)KERNEL_ADDR));
	expect_error("getdents64(file)", getdents64(fd, buf, sizeof(buf)));
	close(fd);
	expect_error("link(missing)", link("/no_such", "/x"));
	expect_error("unlink(missing)", unlink("/no_such"));
	expect_error("chdir(file)", chdir("/bad_test"));
	expect_error("getcwd(kernel)", getcwd((char *)KERNEL_ADDR, 64));
	expect_error("getcwd(too small)", getcwd(buf, 0));
	expect_error("exec(missing)", exec("/no_such_program", NULL));
	/* a file that starts like an ELF but is not one */
	fd = open("/bogus", O_CREATE | O_WRONLY);
	assert(fd >= 0);
	write(fd, "\x7f" "ELF\x02\x01\x01 this is not a program", 32);
	close(fd);
	expect_error("exec(malformed ELF)", exec("/bogus", NULL));
	expect_error("spawn(malformed ELF)", spawn("/bogus"));
	assert(unlink("/bogus") == 0);
	assert(unlink("/bad_test") == 0);
	if (failures == 0)
		printf("Test fs bad input OK!\n");
	return failures;
}
