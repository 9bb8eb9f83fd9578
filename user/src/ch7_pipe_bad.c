/* ch7_pipe_bad - pipe with a bad pointer is -EFAULT and takes nothing: the
   next pipe still gets the two lowest descriptors; a table with one free
   descriptor is -EMFILE and keeps it free; the wrong end is -EBADF;
   writing with no reader left is -EPIPE (or, once signals exist, death by
   SIGPIPE, exit code -13). */
#include "ch7_pipes.h"

static const uint64_t read_only[2] = {1, 2};

int main(void)
{
	int p[2], code;
	assert(pipe_slots(0) == -EFAULT);
	assert(pipe_slots((uint64_t)1) == -EFAULT);
	assert(pipe_slots((uint64_t)0xffffffc000000000UL) == -EFAULT);
	assert(pipe_slots((uint64_t)(1UL << 47)) == -EFAULT);
	assert(pipe_slots((uint64_t)read_only) == -EFAULT);
	/* the second slot on an unmapped page */
	char *page = (char *)sbrk(0);
	page = (char *)(((uint64_t)page + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
	assert(sbrk(page + PAGE_SIZE - (char *)sbrk(0)) >= 0);
	assert(pipe_slots((uint64_t)(page + PAGE_SIZE - 8)) == -EFAULT);
	assert(pipe_fds(p) == 0 && p[0] == 3 && p[1] == 4); /* nothing leaked */

	assert(write(p[0], "x", 1) == -EBADF);
	assert(read(p[1], page, 1) == -EBADF);
	struct stat st;
	assert(fstat(p[0], &st) == 0 && st.mode == S_IFIFO);
	close(p[0]);
	close(p[1]);

	/* fill the table but one: -EMFILE, and that one stays free */
	long fds[40];
	int n = 0;
	while ((fds[n] = pipe_fds(p)) == 0) {
		fds[n++] = p[0];
		fds[n++] = p[1];
		assert(n < 38);
	}
	assert(fds[n] == -EMFILE);
	long last = dup_fd(1);
	assert(last == fds[n - 1] + 1); /* the one left */
	close(last);
	for (int i = 0; i < n; i++)
		close(fds[i]);
	assert(pipe_fds(p) == 0 && p[0] == 3 && p[1] == 4);

	/* no reader left (in a child: SIGPIPE will kill the writer) */
	close(p[0]);
	long pid = fork();
	if (pid == 0)
		exit(write(p[1], "x", 1) == -EPIPE ? 0 : 1);
	close(p[1]);
	assert(waitpid(pid, &code) == pid && (code == 0 || code == -13));
	printf("Test pipe bad input OK!\n");
	return 0;
}
