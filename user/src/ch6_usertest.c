/* ch6_usertest - the chapter 6 test, run as initproc by `make test`:
   each test program in turn, then leaves files for the host to check. */
#include "ulib.h"

static const char *tests[] = {
	"ch2b_hello_world", "ch2b_power_3", "ch3b_yield0", "ch3_sleep1", "ch4_exec_data",
	"ch4_exec_heap", "ch4_exec_stack", "ch4_mmap0", "ch4b_sbrk", "ch5b_forktest_simple",
	"ch5_spawn1", "ch5_getppid", "ch5_argv", "ch6b_filetest_simple", "ch6b_cat", "ch6_file0",
	"ch6_file1", "ch6_file2", "ch6_file3", "ch6_dirs", "ch6_fs_bad", "ch6_paths", "ch6_bigdir",
	"huge_write", "ch6_diskstat", "ch6_keep",
};

/* Hard links exist on easy-fs, not on FAT: ask the file system. */
static int have_links(void)
{
	long fd = open("/link_probe", O_CREATE | O_WRONLY);
	close(fd);
	long r = link("/link_probe", "/link_probe2");
	unlink("/link_probe2");
	unlink("/link_probe");
	return r == 0;
}

int main(void)
{
	int links = have_links();
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (!links && strcmp(tests[i], "ch6_file2") == 0) {
			printf("Usertests: no hard links on this file system; "
			       "skipping ch6_file2\n");
			continue;
		}
		printf("Usertests: Running %s\n", tests[i]);
		long pid = spawn(tests[i]);
		int code = 0;
		assert(pid > 0 && waitpid(pid, &code) == pid);
		printf("\x1b[32mUsertests: Test %s in Process %ld exited with code %d\x1b[0m\n",
		       tests[i], pid, code);
	}
	int code;
	while (wait(&code) > 0) /* orphans (ch5_getppid's) were handed to us */
		;
	printf("ch6 Usertests passed!\n");
	return 0;
}
