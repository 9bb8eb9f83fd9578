/* ch7_pipe_large - 64 KiB from a parent to its child through a pipe, in
   writes of changing sizes; the child reads until end of file and checks
   the length and a checksum of what it got against the sender's. */
#include "ch7_pipes.h"

#define TOTAL (64 * 1024)

static uint32_t next(uint32_t *s)
{
	*s = *s * 1103515245 + 12345;
	return *s >> 16;
}

/* The data: a pseudo-random byte stream, the same on both sides. */
static void fill(char *buf, long n)
{
	uint32_t s = 2026;
	for (long i = 0; i < n; i++)
		buf[i] = (char)next(&s);
}

static uint64_t checksum(const char *buf, long n)
{
	uint64_t h = 1469598103934665603UL; /* FNV-1a */
	for (long i = 0; i < n; i++)
		h = (h ^ (uint8_t)buf[i]) * 1099511628211UL;
	return h;
}

static char data[TOTAL], got[TOTAL + 1];

int main(void)
{
	int p[2], code;
	fill(data, TOTAL);
	assert(pipe_fds(p) == 0);
	long pid = fork();
	if (pid == 0) {
		close(p[1]);
		long n = 0, r;
		while ((r = read(p[0], got + n, sizeof(got) - n)) > 0)
			n += r;
		exit(n == TOTAL && checksum(got, n) == checksum(data, TOTAL) ? 0 : 1);
	}
	close(p[0]);
	uint32_t s = 7;
	for (long sent = 0; sent < TOTAL;) {
		long n = 1 + next(&s) % 3000;
		if (n > TOTAL - sent)
			n = TOTAL - sent;
		assert(write_full(p[1], data + sent, n) == n);
		sent += n;
	}
	close(p[1]);
	assert(waitpid(pid, &code) == pid);
	assert(code == 0);
	printf("Test pipe 64 KiB with checksum OK!\n");
	return 0;
}
