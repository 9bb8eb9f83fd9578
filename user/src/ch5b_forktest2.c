/* ch5b_forktest2 - 30 children sleep for 1-2 s each, all are reaped. */
#include "ulib.h"

#define NUM 30

int main(void)
{
	for (int i = 0; i < NUM; i++) {
		long pid = fork();
		if (pid == 0) {
			long now = get_time();
			long len = (long)(int)now * (long)(int)now % 1000 + 1000;
			printf("pid %ld sleep for %ld ms\n", getpid(), len);
			sleep_ms(len);
			printf("pid %ld OK!\n", getpid());
			exit(0);
		}
	}
	int exit_code = 0;
	for (int i = 0; i < NUM; i++) {
		assert(wait(&exit_code) > 0);
		assert(exit_code == 0);
	}
	assert(wait(&exit_code) < 0);
	printf("forktest2 test passed!\n");
	return 0;
}
