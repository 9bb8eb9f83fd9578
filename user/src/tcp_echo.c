/* tcp_echo [port [count]] - a TCP echo server (chapter 9): every byte a
   client sends comes back, until it closes; then the next client. Serves
   `count` clients (default 1) one after the other, on `port` (default 7). */
#include "ulib.h"

static char buf[4096];

int main(int argc, char **argv)
{
	long port = number_arg(argc, argv, 1, 7), count = number_arg(argc, argv, 2, 1);
	if (port < 0 || count < 0) {
		printf("usage: tcp_echo [port [count]]\n");
		return 2;
	}
	long fd = tcp_listen(port, 4);
	if (fd < 0) {
		printf("tcp_echo: listen on port %ld: %ld\n", port, fd);
		return 1;
	}
	printf("tcp_echo: listening on port %ld\n", port);
	for (int i = 0; i < count; i++) {
		struct sockaddr_in peer;
		uint32_t len = sizeof(peer);
		long c = accept(fd, &peer, &len);
		if (c < 0) {
			printf("tcp_echo: accept: %ld\n", c);
			return 1;
		}
		long total = 0, n;
		while ((n = read(c, buf, sizeof(buf))) > 0) {
			long w = write(c, buf, n);
			if (w != n) {
				printf("tcp_echo: write: %ld\n", w);
				break;
			}
			total += n;
		}
		close(c);
		printf("tcp_echo: client %d: %ld bytes echoed\n", i + 1, total);
	}
	close(fd);
	return 0;
}
