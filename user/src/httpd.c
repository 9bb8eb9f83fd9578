/* httpd [port [count]] - a small HTTP/1.0 server (chapter 9): GET /name
   answers with the file `name` of the file system, 404 if there is none.
   Each connection is served by a child process (fork), so a client that
   says nothing holds up only its own child. Accepts `count` connections
   (default 1) on `port` (default 80), waits for its children, exits.
   A request line or headers longer than MAX_REQUEST get 400. */
#include "ulib.h"

#define MAX_REQUEST 4096

static char req[MAX_REQUEST + 1];
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

static void reply(long c, const char *status, const char *body)
{
	int n = snprintf(buf, sizeof(buf),
			 "HTTP/1.0 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s",
			 status, (int)strlen(body), body);
	write(c, buf, n);
}

/* Read the request up to its empty line; 0, or -1. */
static int read_request(long c)
{
	int n = 0;
	for (;;) {
		if (n == MAX_REQUEST)
			return -1;
		long got = read(c, req + n, MAX_REQUEST - n);
		if (got <= 0)
			return -1;
		n += got;
		req[n] = '\0';
		for (int i = 0; i + 3 < n; i++)
			if (req[i] == '\r' && req[i + 1] == '\n' && req[i + 2] == '\r' &&
			    req[i + 3] == '\n')
				return 0;
	}
}

static void serve(long c)
{
	if (read_request(c) != 0) {
		reply(c, "400 Bad Request", "bad request\n");
		return;
	}
	if (strncmp(req, "GET /", 5) != 0) {
		reply(c, "400 Bad Request", "only GET\n");
		return;
	}
	char *path = req + 4, *end = path;
	while (*end != ' ' && *end != '\r' && *end != '\0')
		end++;
	*end = '\0';
	long fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || (st.mode & 0170000) != S_IFREG) {
		if (fd >= 0)
			close(fd);
		reply(c, "404 Not Found", "not found\n");
		return;
	}
	/* HTTP/1.0: the body ends when the connection closes */
	const char *head = "HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n";
	write(c, head, strlen(head));
	long got;
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		if (write(c, buf, got) != got)
			break;
	close(fd);
}

int main(int argc, char **argv)
{
	int port = number(argc > 1 ? argv[1] : NULL, 80);
	int count = number(argc > 2 ? argv[2] : NULL, 1);
	long fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		printf("httpd: socket: %ld\n", fd);
		return 1;
	}
	int on = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	struct sockaddr_in a = sockaddr(NULL, port);
	long r = bind(fd, &a, sizeof(a));
	if (r == 0)
		r = listen(fd, 32);
	if (r != 0) {
		printf("httpd: bind/listen on port %d: %ld\n", port, r);
		return 1;
	}
	printf("httpd: listening on port %d\n", port);
	int children = 0, failed = 0;
	for (int i = 0; i < count; i++) {
		long c = accept(fd, NULL, NULL);
		if (c < 0) {
			printf("httpd: accept: %ld\n", c);
			failed++;
			continue;
		}
		long pid = fork();
		if (pid == 0) {
			close(fd);
			serve(c);
			close(c);
			exit(0);
		}
		close(c);
		if (pid < 0) {
			printf("httpd: fork: %ld\n", pid);
			failed++;
			continue;
		}
		children++;
		int code;
		while (waitpid_nb(-1, &code) > 0) /* reap who is done */
			children--;
	}
	close(fd);
	int code;
	while (children > 0 && waitpid(-1, &code) > 0)
		children--;
	printf("httpd: %d connections served, %d failed\n", count - failed, failed);
	return 0;
}
