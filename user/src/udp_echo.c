/* udp_echo [port [count [size]]] - a UDP echo server (chapter 9): each
   datagram goes back to its sender. Answers `count` datagrams (default 1)
   on `port` (default 7), then exits; gives up after 30 s without one
   (ppoll). Reads `size` bytes at most (default and at most 8192): a
   longer datagram comes back cut to `size`. */
#include "ulib.h"

static char buf[8192];

int main(int argc, char **argv)
{
	long port = number_arg(argc, argv, 1, 7), count = number_arg(argc, argv, 2, 1);
	long size = number_arg(argc, argv, 3, sizeof(buf));
	if (port < 0 || count < 0 || size < 0 || size > (long)sizeof(buf)) {
		printf("usage: udp_echo [port [count [size]]]\n");
		return 2;
	}
	long fd = udp_bind(port);
	if (fd < 0) {
		printf("udp_echo: bind to port %ld: %ld\n", port, fd);
		return 1;
	}
	printf("udp_echo: listening on port %ld\n", port);
	long bytes = 0;
	for (int i = 0; i < count; i++) {
		struct sockaddr_in from;
		uint32_t len = sizeof(from);
		struct pollfd pf = {fd, POLLIN, 0};
		long r = poll(&pf, 1, 30000);
		if (r != 1 || pf.revents != POLLIN) {
			printf("udp_echo: ppoll: %ld (revents %d)\n", r, pf.revents);
			return 1;
		}
		long n = recvfrom(fd, buf, size, 0, &from, &len);
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
	printf("udp_echo: %ld datagrams, %ld bytes echoed\n", count, bytes);
	return 0;
}
