/* httpget host port path - a small HTTP/1.0 client (chapter 9): asks
   host:port (an address "a.b.c.d") for path and prints the answer, the
   status line and headers included. Exit code 0 if the status is 200. */
#include "ulib.h"

static char buf[4096];

int main(int argc, char **argv)
{
	if (argc != 4) {
		printf("usage: httpget host port path\n");
		return 2;
	}
	long port = number_arg(argc, argv, 2, 0);
	struct sockaddr_in a = sockaddr(argv[1], port);
	if (a.sin_addr == 0 || port <= 0 || port > 65535) {
		printf("httpget: bad address %s:%s\n", argv[1], argv[2]);
		return 2;
	}
	long fd = socket(AF_INET, SOCK_STREAM, 0);
	long r = fd < 0 ? fd : connect(fd, &a, sizeof(a));
	if (r != 0) {
		printf("httpget: connect to %s:%ld: %ld\n", argv[1], port, r);
		return 1;
	}
	int n = snprintf(buf, sizeof(buf), "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", argv[3], argv[1]);
	if (write(fd, buf, n) != n) {
		printf("httpget: cannot send the request\n");
		return 1;
	}
	long total = 0, got;
	int ok = -1;
	while ((got = read(fd, buf, sizeof(buf))) > 0) {
		if (ok < 0)
			ok = got >= 12 && strncmp(buf, "HTTP/1.", 7) == 0 &&
			     strncmp(buf + 8, " 200", 4) == 0;
		write(STDOUT, buf, got);
		total += got;
	}
	close(fd);
	printf("\nhttpget: %ld bytes%s\n", total, got < 0 ? " (then an error)" : "");
	return ok == 1 ? 0 : 1;
}
