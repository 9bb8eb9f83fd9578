/* bench_net [port [count [bytes]]] - the guest's side of `make bench`'s
   network rows (chapter 9; the host measures, tests/bench_net.py). Serves
   `count` connections (default 1) on `port` (default 5001), one after the
   other. A client's first byte says what it wants:
     'r' - the guest reads until the client shuts down its sending side,
	   then answers the number of bytes it read, in decimal;
     's' - the guest writes `bytes` bytes (default 4 MiB) and closes. */
#include "ulib.h"

static char buf[16384];

/* Read until end of file; the byte count, or -errno. */
static long sink(long c)
{
	long total = 0, n;
	while ((n = read(c, buf, sizeof(buf))) > 0)
		total += n;
	return n < 0 ? n : total;
}

/* Write `bytes` bytes; how many went out, or -errno. */
static long source(long c, long bytes)
{
	long total = 0;
	memset(buf, 'x', sizeof(buf));
	while (total < bytes) {
		long n = bytes - total < (long)sizeof(buf) ? bytes - total : (long)sizeof(buf);
		long w = write(c, buf, n);
		if (w <= 0) {
			printf("bench_net: write: %ld\n", w);
			return total > 0 ? total : w;
		}
		total += w;
	}
	return total;
}

int main(int argc, char **argv)
{
	long port = number_arg(argc, argv, 1, 5001), count = number_arg(argc, argv, 2, 1);
	long bytes = number_arg(argc, argv, 3, 4 << 20);
	if (port < 0 || count < 0 || bytes < 0) {
		printf("usage: bench_net [port [count [bytes]]]\n");
		return 2;
	}
	long fd = tcp_listen(port, 4);
	if (fd < 0) {
		printf("bench_net: listen on port %ld: %ld\n", port, fd);
		return 1;
	}
	printf("bench_net: listening on port %ld\n", port);
	long in = 0, out = 0, failed = 0;
	for (long i = 0; i < count; i++) {
		long c = accept(fd, NULL, NULL);
		char what = 0;
		if (c < 0 || read(c, &what, 1) != 1) {
			failed++;
		} else if (what == 'r') {
			long n = sink(c);
			int len = snprintf(buf, sizeof(buf), "%ld\n", n);
			write(c, buf, len);
			if (n < 0)
				failed++;
			else
				in += n;
		} else if (what == 's') {
			long n = source(c, bytes);
			if (n != bytes)
				failed++;
			out += n > 0 ? n : 0;
		} else {
			failed++;
		}
		if (c >= 0)
			close(c);
	}
	close(fd);
	printf("bench_net: %ld connections, %ld bytes in, %ld bytes out, %ld failed\n", count, in,
	       out, failed);
	return 0;
}
