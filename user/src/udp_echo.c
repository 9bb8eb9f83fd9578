/* udp_echo [port [count]] - a UDP echo server (chapter 9): each datagram
   goes back to its sender. Answers `count` datagrams (default 1) on
   `port` (default 7), then exits. */
#include "ulib.h"

static char buf[8192];

static int number(const char *s, int dflt)
{
	int v = 0;
	if (s == NULL || *s == '\0')
		return dflt;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	return v;
}

int main(int argc, char **argv)
{
	int port = number(argc > 1 ? argv[1] : NULL, 7);
	int count = number(argc > 2 ? argv[2] : NULL, 1);
	long fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		printf("udp_echo: socket: %ld\n", fd);
		return 1;
	}
	struct sockaddr_in a = sockaddr(NULL, port);
	long r = bind(fd, &a, sizeof(a));
	if (r != 0) {
		printf("udp_echo: bind to port %d: %ld\n", port, r);
		return 1;
	}
	printf("udp_echo: listening on port %d\n", port);
	long bytes = 0;
	for (int i = 0; i < count; i++) {
		struct sockaddr_in from;
		uint32_t len = sizeof(from);
		long n = recvfrom(fd, buf, sizeof(buf), 0, &from, &len);
		if (n < 0) {
			printf("udp_echo: recvfrom: %ld\n", n);
			return 1;
		}
		long w = sendto(fd, buf, n, 0, &from, sizeof(from));
		if (w != n)
			printf("udp_echo: sendto: %ld\n", w);
		bytes += n;
	}
	close(fd);
	printf("udp_echo: %d datagrams, %ld bytes echoed\n", count, bytes);
	return 0;
}
