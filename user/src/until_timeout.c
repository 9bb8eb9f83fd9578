/* until_timeout PROGRAM MS - run PROGRAM; if it still runs after MS
   milliseconds, interrupt it with SIGINT and report its exit code. */
#include "ulib.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		printf("usage: until_timeout PROGRAM MS (argc must be 3!)\n");
		return -1;
	}
	long timeout = 0;
	for (const char *p = argv[2]; *p; p++) {
		if (*p < '0' || *p > '9') {
			printf("Error when parsing timeout!\n");
			return -1;
		}
		timeout = timeout * 10 + (*p - '0');
	}
	long pid = fork();
	if (pid == 0) {
		char *args[] = {argv[1], NULL};
		exec(argv[1], args);
		printf("Error when executing '%s'\n", argv[1]);
		exit(-4);
	}
	long start = get_time();
	int code = 0;
	while (get_time() - start <= timeout) {
		if (waitpid_nb(pid, &code) == pid) {
			printf("child exited in %ldms, exit_code = %d\n", get_time() - start, code);
			return 0;
		}
		sched_yield();
	}
	printf("child has run for %ldms, kill it!\n", timeout);
	kill(pid, SIGINT);
	assert(waitpid(pid, &code) == pid);
	printf("exit code of the child is %d\n", code);
	return 0;
}
