/* ch5_usertest - the chapter 5 test, run as initproc by `make test`:
   the basic tests through fork + exec, the lab tests through spawn
   (fork + exec if spawn fails: the spawn lab undone), the programs
   that must be killed (each with its exit code checked), then
   the timing tests, the fork bomb and the stride test one by one, each
   waited for and reported. */
#include "ulib.h"

static const char *basic[] = {
    "ch2b_hello_world", "ch2b_power_3",	  "ch2b_power_5",  "ch2b_power_7", "ch3b_yield0",
    "ch3b_yield1",	"ch3b_yield2",	  "ch4b_sbrk",	   "ch5b_exit",	   "ch5b_forktest_simple",
    "ch5b_forktest",	"ch5b_forktest2", "ch5b_forktree",
};
static const char *lab[] = {
    "ch3_sleep",      "ch3_sleep1",  "ch4_exec_data", "ch4_exec_heap", "ch4_exec_stack",
    "ch4_mmap0",      "ch4_mmap1",   "ch4_mmap2",     "ch4_mmap3",     "ch4_unmap",
    "ch4_unmap2",     "ch5_spawn0",  "ch5_spawn1",    "ch5_setprio",   "ch4_unmap_full",
    "ch4_mmap_holes", "ch5_getppid", "ch5_argv",      "ch5_prot",
};
/* Programs that must be killed, and the exit code they must get. */
static const struct {
	const char *name;
	int code;
} killed[] = {
    {"ch2b_bad_address", -2}, {"ch2b_bad_instructions", -3}, {"ch2b_bad_register", -3},
    {"ch2_null_store", -2},   {"ch4_load_fault", -2},	     {"ch4_store_fault", -2},
};
#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

static void report(const char *name, long pid, int code)
{
	printf("\x1b[32mUsertests: Test %s in Process %ld exited with code %d\x1b[0m\n", name, pid,
	       code);
}

int main(void)
{
	long pids[32];
	int code;
	for (int i = 0; i < N(basic); i++) {
		printf("Usertests: Running %s\n", basic[i]);
		pids[i] = fork();
		if (pids[i] == 0) {
			exec(basic[i], NULL);
			printf("Usertests: cannot exec %s\n", basic[i]);
			exit(-4);
		}
	}
	for (int i = 0; i < N(basic); i++) {
		assert(waitpid(pids[i], &code) == pids[i]);
		report(basic[i], pids[i], code);
	}
	printf("Basic usertests passed!\n");
	for (int i = 0; i < N(lab); i++) {
		printf("Usertests: Running %s\n", lab[i]);
		pids[i] = start_program(lab[i]);
		assert(pids[i] > 0);
	}
	for (int i = 0; i < N(lab); i++) {
		assert(waitpid(pids[i], &code) == pids[i]);
		report(lab[i], pids[i], code);
	}
	for (int i = 0; i < N(killed); i++) {
		printf("Usertests: Running %s\n", killed[i].name);
		long pid = start_program(killed[i].name);
		assert(pid > 0 && waitpid(pid, &code) == pid);
		report(killed[i].name, pid, code);
		assert(code == killed[i].code);
	}
	static const char *last[] = {"ch5_taskinfo_bound", "ch5_prio_hog",
				     "ch5_sleep_cpu",	   "ch5_cow",
				     "ch5_forkbomb",	   "ch5_stride"};
	for (int i = 0; i < N(last); i++) {
		printf("Usertests: Running %s\n", last[i]);
		long pid = start_program(last[i]);
		assert(pid > 0 && waitpid(pid, &code) == pid);
		report(last[i], pid, code);
	}
	/* orphans (ch5b_forktree's) were handed to us: reap them */
	while (wait(&code) > 0)
		;
	printf("ch5 Usertests passed!\n");
	return 0;
}
