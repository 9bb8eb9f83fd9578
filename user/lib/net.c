/*
 * net.c - the set-up every small server repeats (chapter 9): a listening
 * TCP socket, a bound UDP socket.
 */
#include "ulib.h"

long tcp_listen(int port, int backlog)
{
	if (port < 0 || port > 65535)
		return -EINVAL;
	long fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return fd;
	int on = 1;
	struct sockaddr_in a = sockaddr(NULL, port);
	long r = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (r == 0)
		r = bind(fd, &a, sizeof(a));
	if (r == 0)
		r = listen(fd, backlog);
	if (r != 0) {
		close(fd);
		return r;
	}
	return fd;
}

long udp_bind(int port)
{
	if (port < 0 || port > 65535)
		return -EINVAL;
	long fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return fd;
	struct sockaddr_in a = sockaddr(NULL, port);
	long r = bind(fd, &a, sizeof(a));
	if (r != 0) {
		close(fd);
		return r;
	}
	return fd;
}
