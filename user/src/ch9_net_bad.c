/* ch9_net_bad - socket calls with bad input (chapter 9): bad descriptors,
   pointers and lengths, a port in use, calls on the wrong kind of socket,
   and SOCK_NONBLOCK's -EAGAIN where a call would sleep. Each must fail
   with its error, never harm the kernel. Then ppoll on pipes, a socket
   and the console: bad input, readiness, a timeout, a wake-up. */
#include "ulib.h"

#define BAD_PTR 8UL /* the unmapped first page */

static int failures;

static void expect(const char *what, long got, long want)
{
	if (got == want) {
		printf("OK: %s: %ld\n", what, got);
	} else {
		printf("FAIL: %s: %ld, expected %ld\n", what, got, want);
		failures++;
	}
}

/* ppoll: bad input, what pipes and the console report, a timeout on a
   socket, and a sleeper woken by a child's write to a pipe. */
static void poll_checks(long sock)
{
	struct pollfd pf[2];
	struct timespec zero = {0, 0};
	static struct pollfd many[65];
	expect("ppoll of 65 descriptors", ppoll(many, 65, &zero, NULL), -EINVAL);
	expect("ppoll with a bad pointer", ppoll((void *)BAD_PTR, 1, &zero, NULL), -EFAULT);
	expect("ppoll with a bad timeout pointer", ppoll(pf, 0, (void *)BAD_PTR, NULL), -EFAULT);
	expect("ppoll with a signal mask", ppoll(pf, 0, &zero, &zero), -EINVAL);
	pf[0] = (struct pollfd){99, POLLIN, 0};
	pf[1] = (struct pollfd){-1, POLLIN, 0};
	expect("ppoll of descriptor 99 and of -1", poll(pf, 2, 0), 1);
	expect("descriptor 99's revents", pf[0].revents, POLLNVAL);
	expect("descriptor -1's revents", pf[1].revents, 0);
	pf[0] = (struct pollfd){STDOUT, POLLOUT, 0};
	expect("the console can be written", poll(pf, 1, 0), 1);

	int fds[2];
	if (pipe(fds) != 0) {
		printf("FAIL: pipe\n");
		failures++;
		return;
	}
	pf[0] = (struct pollfd){fds[0], POLLIN, 0};
	pf[1] = (struct pollfd){fds[1], POLLOUT, 0};
	expect("an empty pipe: only the write end is ready", poll(pf, 2, 0), 1);
	expect("the write end's revents", pf[1].revents, POLLOUT);
	pf[0] = (struct pollfd){sock, POLLIN, 0};
	long t0 = get_time();
	expect("a UDP socket with nothing to read, for 100 ms", poll(pf, 1, 100), 0);
	long waited = get_time() - t0;
	expect("the timeout was kept (at least 90 ms)", waited >= 90, 1);
	long pid = fork();
	if (pid == 0) {
		sleep(50);
		write(fds[1], "x", 1);
		exit(0);
	}
	pf[0] = (struct pollfd){fds[0], POLLIN, 0};
	t0 = get_time();
	expect("ppoll woken by a child's write", poll(pf, 1, 5000), 1);
	expect("the read end's revents", pf[0].revents, POLLIN);
	expect("woken before the timeout", get_time() - t0 < 4000, 1);
	int code;
	waitpid(pid, &code);
	char c;
	read(fds[0], &c, 1);
	close(fds[1]);
	expect("a pipe without a writer", poll(pf, 1, 0), 1);
	expect("its revents", pf[0].revents, POLLHUP);
	close(fds[0]);
}

int main(void)
{
	struct sockaddr_in a = sockaddr(NULL, 5555);
	char buf[64];
	uint32_t len = sizeof(a);

	expect("socket(AF 99)", socket(99, SOCK_STREAM, 0), -EAFNOSUPPORT);
	expect("socket(type 7)", socket(AF_INET, 7, 0), -EINVAL);
	expect("socket(an unknown flag)", socket(AF_INET, SOCK_STREAM | 0x100000, 0), -EINVAL);
	expect("bind on descriptor 99", bind(99, &a, sizeof(a)), -EBADF);
	expect("bind on the console", bind(0, &a, sizeof(a)), -ENOTSOCK);

	long t1 = socket(AF_INET, SOCK_STREAM, 0), t2 = socket(AF_INET, SOCK_STREAM, 0);
	long u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
	if (t1 < 0 || t2 < 0 || u1 < 0 || u2 < 0) {
		printf("FAIL: sockets: %ld %ld %ld %ld\n", t1, t2, u1, u2);
		return 1;
	}
	expect("bind with a bad address pointer", bind(t1, (void *)BAD_PTR, sizeof(a)), -EFAULT);
	expect("bind with a short length", bind(t1, &a, 3), -EINVAL);
	expect("bind TCP 5555", bind(t1, &a, sizeof(a)), 0);
	expect("bind a second TCP socket to 5555", bind(t2, &a, sizeof(a)), -EADDRINUSE);
	expect("bind UDP 5555", bind(u1, &a, sizeof(a)), 0);
	expect("bind a second UDP socket to 5555", bind(u2, &a, sizeof(a)), -EADDRINUSE);
	struct sockaddr_in got;
	expect("getsockname", getsockname(t1, &got, &len), 0);
	expect("getsockname's port", ntohs(got.sin_port), 5555);
	expect("getsockname with a bad length pointer", getsockname(t1, &got, (uint32_t *)BAD_PTR),
	       -EFAULT);
	expect("getpeername unconnected", getpeername(t1, &got, &len), -ENOTCONN);

	expect("listen on UDP", listen(u1, 1), -EOPNOTSUPP);
	expect("accept on UDP", accept(u1, NULL, NULL), -EOPNOTSUPP);
	expect("accept without listen", accept(t1, NULL, NULL), -EINVAL);
	expect("recvfrom on unconnected TCP", recvfrom(t2, buf, sizeof(buf), 0, NULL, NULL),
	       -ENOTCONN);
	expect("write on unconnected TCP", write(t2, "x", 1), -ENOTCONN);
	expect("sendto UDP without an address", sendto(u2, "x", 1, 0, NULL, 0), -EDESTADDRREQ);
	struct sockaddr_in host = sockaddr("10.0.2.2", 9);
	expect("sendto from a bad buffer", sendto(u2, (void *)BAD_PTR, 10, 0, &host, sizeof(host)),
	       -EFAULT);
	static char big[9000];
	expect("a 9000-byte datagram", sendto(u2, big, sizeof(big), 0, &host, sizeof(host)),
	       -EMSGSIZE);
	expect("recvfrom into a bad buffer", recvfrom(u1, (void *)BAD_PTR, 10, 0, NULL, NULL),
	       -EFAULT);
	expect("setsockopt other level", setsockopt(t2, 99, SO_REUSEADDR, buf, 4), -ENOPROTOOPT);
	expect("setsockopt bad value", setsockopt(t2, SOL_SOCKET, SO_REUSEADDR, (void *)BAD_PTR, 4),
	       -EFAULT);
	expect("listen", listen(t1, 2), 0);
	expect("accept with a bad length pointer", accept(t1, &got, (uint32_t *)BAD_PTR), -EFAULT);
	expect("shutdown bad how", shutdown(t1, 7), -EINVAL);
	expect("connect a listening socket", connect(t1, &host, sizeof(host)), -EINVAL);
	expect("close", close(t1) | close(t2) | close(u1) | close(u2), 0);
	/* the port is free again */
	long t3 = socket(AF_INET, SOCK_STREAM, 0);
	expect("bind 5555 after close", bind(t3, &a, sizeof(a)), 0);
	close(t3);
	/* SOCK_NONBLOCK: -EAGAIN where a call would sleep */
	long nu = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	long nt = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	expect("bind a non-blocking UDP socket", bind(nu, &a, sizeof(a)), 0);
	expect("recvfrom with nothing there", recvfrom(nu, buf, sizeof(buf), 0, NULL, NULL),
	       -EAGAIN);
	expect("read with nothing there", read(nu, buf, sizeof(buf)), -EAGAIN);
	expect("listen on a non-blocking TCP socket", listen(nt, 2), 0);
	expect("accept with nobody there", accept(nt, NULL, NULL), -EAGAIN);
	poll_checks(nu);
	expect("close the non-blocking sockets", close(nu) | close(nt), 0);
	if (failures == 0)
		printf("Test ch9 net bad OK!\n");
	return failures != 0;
}
