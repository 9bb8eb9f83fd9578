/* ch7_pipe_cow - read() into a copy-on-write page (docs/ch5.md): after a
   fork, the child reads from a pipe into a buffer on a page it still
   shares with its parent. The kernel writes through the direct map, so it
   must give the child its own copy first: the parent's buffer keeps its
   bytes, the child's gets the pipe's. */
#include "ulib.h"

static char buf[64] = "the parent's bytes";

int main(void)
{
	int fds[2];
	assert(pipe(fds) == 0);
	long pid = fork();
	assert(pid >= 0);
	if (pid == 0) {
		close(fds[1]);
		/* nothing written to this page since the fork: still shared */
		assert(read(fds[0], buf, 17) == 17);
		assert(memcmp(buf, "the child's bytes", 17) == 0);
		exit(0);
	}
	close(fds[0]);
	assert(write(fds[1], "the child's bytes", 17) == 17);
	close(fds[1]);
	int code = -1;
	assert(waitpid(pid, &code) == pid && code == 0);
	assert(strcmp(buf, "the parent's bytes") == 0);
	printf("Test read into a copy-on-write page OK!\n");
	return 0;
}
