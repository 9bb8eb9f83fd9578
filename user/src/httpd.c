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
	long port = number_arg(argc, argv, 1, 80), count = number_arg(argc, argv, 2, 1);
	if (port < 0 || count < 0) {
		printf("usage: httpd [port [count]]\n");
		return 2;
	}
	long fd = tcp_listen(port, 32);
	if (fd < 0) {
		printf("httpd: listen on port %ld: %ld\n", port, fd);
		return 1;
	}
	printf("httpd: listening on port %ld\n", port);
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
	printf("httpd: %ld connections served, %d failed\n", count - failed, failed);
	return 0;
}
