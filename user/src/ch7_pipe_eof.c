/* ch7_pipe_eof - a pipe's reader gets end of file (0) once every write end
   is closed: the parent's own, a fork's copy, a dup's copy; a writer that
   exits closes its end too, also while the reader is already asleep. */
#include "ch7_pipes.h"

/* Read until end of file: the bytes got (at most cap), -1 on an error. */
static long drain(int fd, char *buf, long cap)
{
	long got = 0, r;
	while ((r = read(fd, buf + got, cap - got)) > 0)
		got += r;
	return r < 0 ? -1 : got;
}

int main(void)
{
	int p[2];
	char buf[64];
	int code;

	/* The child writes and exits without closing: its exit closes its copy. */
	assert(pipe_fds(p) == 0);
	long pid = fork();
	if (pid == 0) {
		close(p[0]);
		assert(write(p[1], "hello", 5) == 5);
		exit(0);
	}
	close(p[1]);
	assert(drain(p[0], buf, sizeof(buf)) == 5 && memcmp(buf, "hello", 5) == 0);
	assert(read(p[0], buf, sizeof(buf)) == 0); /* and 0 again */
	close(p[0]);
	assert(waitpid(pid, &code) == pid && code == 0);

	/* The reader is asleep before the writer (the fork's copy) exits. */
	assert(pipe_fds(p) == 0);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		sleep(50);
		exit(0);
	}
	close(p[1]);
	long t0 = get_time();
	assert(read(p[0], buf, sizeof(buf)) == 0);
	assert(get_time() - t0 >= 40); /* it did wait for the exit */
	close(p[0]);
	assert(waitpid(pid, &code) == pid && code == 0);

	/* A dup of the write end keeps the pipe open after the original closes. */
	assert(pipe_fds(p) == 0);
	long d = dup_fd(p[1]);
	assert(d >= 0);
	close(p[1]);
	assert(write(d, "xy", 2) == 2);
	assert(read(p[0], buf, sizeof(buf)) == 2);
	close(d);
	assert(read(p[0], buf, sizeof(buf)) == 0);
	close(p[0]);
	printf("Test pipe eof OK!\n");
	return 0;
}
