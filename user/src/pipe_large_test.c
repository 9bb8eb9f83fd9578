/* pipe_large_test - the parent sends 3000 bytes down a pipe; the child
   sums them and sends the sum back up another pipe as text; both sums must
   agree. A read may return fewer bytes than asked: both sides loop. */
#include "ulib.h"

#define LENGTH 3000

/* Read until `len` bytes or end of file; the count read. */
static long read_full(int fd, char *buf, long len)
{
	long got = 0, n;
	while (got < len && (n = read(fd, buf + got, len - got)) > 0)
		got += n;
	return got;
}

static unsigned long sum(const unsigned char *s, long len)
{
	unsigned long total = 0;
	for (long i = 0; i < len; i++)
		total += s[i];
	return total;
}

int main(void)
{
	static unsigned char data[LENGTH];
	int down[2], up[2]; /* parent to child, child to parent */
	assert(pipe(down) == 0 && pipe(up) == 0);
	if (fork() == 0) {
		close(down[1]);
		close(up[0]);
		assert(read_full(down[0], (char *)data, LENGTH) == LENGTH);
		close(down[0]);
		unsigned long total = sum(data, LENGTH);
		printf("sum = %lu(child)\n", total);
		char text[32];
		int n = snprintf(text, sizeof(text), "%lu", total);
		write(up[1], text, n);
		close(up[1]);
		printf("Child process exited!\n");
		return 0;
	}
	close(down[0]);
	close(up[1]);
	for (int i = 0; i < LENGTH; i++)
		data[i] = (unsigned char)(get_time() + i * 7);
	assert(write(down[1], data, LENGTH) == LENGTH);
	close(down[1]);
	unsigned long total = sum(data, LENGTH);
	printf("sum = %lu(parent)\n", total);
	char text[32];
	long n = read_full(up[0], text, sizeof(text) - 1);
	close(up[0]);
	text[n < 0 ? 0 : n] = '\0';
	unsigned long child = 0;
	for (char *p = text; *p >= '0' && *p <= '9'; p++)
		child = child * 10 + (unsigned long)(*p - '0');
	assert(n > 0 && child == total);
	int code;
	wait(&code);
	printf("pipe_large_test passed!\n");
	return 0;
}
