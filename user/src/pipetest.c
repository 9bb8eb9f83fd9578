/* pipetest - a parent sends a string to its child through a pipe; the
   pipe's ends are descriptors 3 and 4. */
#include "ulib.h"

static const char STR[] = "Hello, world!";

int main(void)
{
	int fds[2];
	assert(pipe(fds) == 0);
	assert(fds[0] == 3); /* read end */
	assert(fds[1] == 4); /* write end */
	if (fork() == 0) {
		close(fds[1]);
		char buf[32];
		long got = 0, n;
		while (got < (long)sizeof(buf) &&
		       (n = read(fds[0], buf + got, sizeof(buf) - got)) > 0)
			got += n;
		close(fds[0]);
		assert(got == (long)strlen(STR) && memcmp(buf, STR, got) == 0);
		printf("Read OK, child process exited!\n");
		return 0;
	}
	close(fds[0]);
	assert(write(fds[1], STR, strlen(STR)) == (long)strlen(STR));
	close(fds[1]);
	int code = -1;
	wait(&code);
	assert(code == 0);
	printf("pipetest passed!\n");
	return 0;
}
