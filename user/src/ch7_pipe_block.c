/* ch7_pipe_block - a pipe's writer sleeps while the pipe is full and its
   reader while it is empty; a read returns what is there at once. A child
   that is still running after 200 ms was asleep: waitpid without
   WAIT_BLOCKING answers -2 for it. */
#include "ch7_pipes.h"

#define BIG ((long)(3 * PAGE_SIZE)) /* three times the pipe's buffer, at least */

static long still_running(long pid)
{
	int code;
	return __syscall(SYS_WAITPID, pid, (long)&code, 0, 0, 0, 0) == -2;
}

static char buf[BIG];

int main(void)
{
	int p[2], code;
	assert(pipe_fds(p) == 0);

	/* A writer of more than the pipe holds sleeps until someone reads. */
	long pid = fork();
	if (pid == 0) {
		for (long i = 0; i < BIG; i++)
			buf[i] = (char)(i * 7);
		exit(write_full(p[1], buf, BIG) == BIG ? 0 : 1);
	}
	sleep(200);
	assert(still_running(pid));
	assert(read_full(p[0], buf, BIG) == BIG);
	for (long i = 0; i < BIG; i++)
		assert(buf[i] == (char)(i * 7));
	assert(waitpid(pid, &code) == pid && code == 0);

	/* A reader of an empty pipe sleeps until a byte comes; then it gets
	   the byte at once, though it asked for more. */
	pid = fork();
	if (pid == 0) {
		char c[100];
		long n = read(p[0], c, sizeof(c));
		exit(n == 1 ? c[0] : 100 + (int)n);
	}
	sleep(200);
	assert(still_running(pid));
	assert(write(p[1], "*", 1) == 1);
	assert(waitpid(pid, &code) == pid && code == '*');

	/* Ten bytes there, a hundred asked for: ten. */
	assert(write(p[1], "0123456789", 10) == 10);
	assert(read(p[0], buf, 100) == 10 && memcmp(buf, "0123456789", 10) == 0);
	close(p[0]);
	close(p[1]);
	printf("Test pipe blocking OK!\n");
	return 0;
}
