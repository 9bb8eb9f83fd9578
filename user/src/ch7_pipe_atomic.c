/* ch7_pipe_atomic - writes of at most PIPE_BUF (512) bytes are atomic:
   two children each write N blocks of 512 bytes of their own letter into
   one pipe; the parent reads in odd-sized pieces and yields after each (so
   the writers often find room for part of a block only), and every 512
   bytes it gets, from the start, must be one letter. */
#include "ch7_pipes.h"

#define BLOCK 512
#define N 100

static void writer(int fd, char c)
{
	char b[BLOCK];
	memset(b, c, BLOCK);
	for (int i = 0; i < N; i++)
		if (write(fd, b, BLOCK) != BLOCK)
			exit(1);
	exit(0);
}

int main(void)
{
	int p[2], code;
	static char got[2 * N * BLOCK];
	assert(pipe_fds(p) == 0);
	long a = fork();
	if (a == 0)
		writer(p[1], 'A');
	long b = fork();
	if (b == 0)
		writer(p[1], 'B');
	close(p[1]);
	long total = 0, r, piece = 1;
	while ((r = read(p[0], got + total, piece)) > 0) {
		total += r;
		sched_yield(); /* let the writers find room for part of a block */
		piece = piece % 700 + 97; /* 98, 195, ... never a multiple of 512 */
		if (piece > (long)sizeof(got) - total)
			piece = sizeof(got) - total;
		if (piece == 0)
			break;
	}
	assert(total == 2 * N * BLOCK);
	int as = 0;
	for (long i = 0; i < total; i += BLOCK) {
		for (int k = 1; k < BLOCK; k++)
			if (got[i + k] != got[i]) {
				printf("FAIL: T.T block at %ld mixes %c and %c\n", i, got[i],
				       got[i + k]);
				return 1;
			}
		as += got[i] == 'A';
	}
	assert(as == N);
	assert(read(p[0], got, 1) == 0);
	assert(waitpid(a, &code) == a && code == 0);
	assert(waitpid(b, &code) == b && code == 0);
	close(p[0]);
	printf("Test pipe atomic writes OK!\n");
	return 0;
}
