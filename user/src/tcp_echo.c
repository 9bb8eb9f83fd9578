/* tcp_echo [port [count]] - a TCP echo server (chapter 9): every byte a
   client sends comes back, until it closes; then the next client. Serves
   `count` clients (default 1) one after the other, on `port` (default 7). */
#include "ulib.h"

static char buf[4096];

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
	long fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		printf("tcp_echo: socket: %ld\n", fd);
		return 1;
	}
	int on = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	struct sockaddr_in a = sockaddr(NULL, port);
	long r = bind(fd, &a, sizeof(a));
	if (r == 0)
		r = listen(fd, 4);
	if (r != 0) {
		printf("tcp_echo: bind/listen on port %d: %ld\n", port, r);
		return 1;
	}
	printf("tcp_echo: listening on port %d\n", port);
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
