/*
 * syscall.c - one C wrapper per system call, over the per-arch __syscall.
 */
#include "ulib.h"

long write(int fd, const void *buf, size_t len)
{
	return __syscall(SYS_WRITE, fd, (long)buf, len, 0, 0, 0);
}

long read(int fd, void *buf, size_t len)
{
	return __syscall(SYS_READ, fd, (long)buf, len, 0, 0, 0);
}

void exit(int code)
{
	flush();
	__syscall(SYS_EXIT, code, 0, 0, 0, 0, 0);
	for (;;)
		;
}

long sched_yield(void)
{
	return __syscall(SYS_YIELD, 0, 0, 0, 0, 0, 0);
}

long gettimeofday(struct timeval *tv, void *tz)
{
	return __syscall(SYS_GETTIMEOFDAY, (long)tv, (long)tz, 0, 0, 0, 0);
}

long task_info(struct task_info *info)
{
	return __syscall(SYS_TASK_INFO, (long)info, 0, 0, 0, 0, 0);
}

long getpid(void)
{
	return __syscall(SYS_GETPID, 0, 0, 0, 0, 0, 0);
}

long get_time(void)
{
	struct timeval tv;
	if (gettimeofday(&tv, NULL) < 0)
		return -1;
	return tv.sec * 1000 + tv.usec / 1000;
}

void sleep_ms(long ms)
{
	long until = get_time() + ms;
	while (get_time() < until)
		sched_yield();
}

long sbrk(long increment)
{
	return __syscall(SYS_SBRK, increment, 0, 0, 0, 0, 0);
}

long mmap(uint64_t start, uint64_t len, uint64_t prot)
{
	return __syscall(SYS_MMAP, start, len, prot, 0, 0, 0);
}

long munmap(uint64_t start, uint64_t len)
{
	return __syscall(SYS_MUNMAP, start, len, 0, 0, 0, 0);
}

long getppid(void)
{
	return __syscall(SYS_GETPPID, 0, 0, 0, 0, 0, 0);
}

long fork(void)
{
	return __syscall(SYS_FORK, 0, 0, 0, 0, 0, 0);
}

long exec(const char *path, char *const argv[])
{
	return __syscall(SYS_EXEC, (long)path, (long)argv, 0, 0, 0, 0);
}

/* Without options the kernel's waitpid returns -2 while the child runs
   (rCore); WAIT_BLOCKING makes it sleep until a child exits instead. */
long waitpid(long pid, int *exit_code)
{
	return __syscall(SYS_WAITPID, pid, (long)exit_code, WAIT_BLOCKING, 0, 0, 0);
}

long wait(int *exit_code)
{
	return waitpid(-1, exit_code);
}

long spawn(const char *path)
{
	return __syscall(SYS_SPAWN, (long)path, 0, 0, 0, 0, 0);
}

long sleep(long ms)
{
	return __syscall(SYS_SLEEP, ms, 0, 0, 0, 0, 0);
}

long set_priority(long prio)
{
	return __syscall(SYS_SET_PRIORITY, prio, 0, 0, 0, 0, 0);
}

int getchar(void)
{
	char c;
	flush();
	if (read(STDIN, &c, 1) != 1)
		return -1;
	return (unsigned char)c;
}

long open(const char *path, int flags)
{
	return __syscall(SYS_OPENAT, AT_FDCWD, (long)path, flags, 0, 0, 0);
}

long close(int fd)
{
	if (fd == STDOUT)
		flush();
	return __syscall(SYS_CLOSE, fd, 0, 0, 0, 0, 0);
}

long fstat(int fd, struct stat *st)
{
	return __syscall(SYS_FSTAT, fd, (long)st, 0, 0, 0, 0);
}

long link(const char *old_path, const char *new_path)
{
	return __syscall(SYS_LINKAT, AT_FDCWD, (long)old_path, AT_FDCWD, (long)new_path, 0, 0);
}

long unlink(const char *path)
{
	return __syscall(SYS_UNLINKAT, AT_FDCWD, (long)path, 0, 0, 0, 0);
}

long mkdir(const char *path)
{
	return __syscall(SYS_MKDIRAT, AT_FDCWD, (long)path, 0755, 0, 0, 0);
}

long rmdir(const char *path)
{
	return __syscall(SYS_UNLINKAT, AT_FDCWD, (long)path, AT_REMOVEDIR, 0, 0, 0);
}

long chdir(const char *path)
{
	return __syscall(SYS_CHDIR, (long)path, 0, 0, 0, 0, 0);
}

long getcwd(char *buf, size_t size)
{
	return __syscall(SYS_GETCWD, (long)buf, size, 0, 0, 0, 0);
}

long getdents64(int fd, void *buf, size_t len)
{
	return __syscall(SYS_GETDENTS64, fd, (long)buf, len, 0, 0, 0);
}

/* waitpid without WAIT_BLOCKING: -2 while the child still runs (rCore). */
long waitpid_nb(long pid, int *exit_code)
{
	return __syscall(SYS_WAITPID, pid, (long)exit_code, 0, 0, 0, 0);
}

long dup(int fd)
{
	return __syscall(SYS_DUP, fd, 0, 0, 0, 0, 0);
}

/* The kernel fills two 8-byte slots (rCore's layout); C programs want ints. */
int pipe(int fds[2])
{
	uint64_t slots[2];
	long r = __syscall(SYS_PIPE, (long)slots, 0, 0, 0, 0, 0);
	if (r < 0)
		return (int)r;
	fds[0] = (int)slots[0];
	fds[1] = (int)slots[1];
	return 0;
}

long ioctl(int fd, unsigned long request, void *arg)
{
	return __syscall(SYS_IOCTL, fd, (long)request, (long)arg, 0, 0, 0);
}

long kill(long pid, int signum)
{
	return __syscall(SYS_KILL, pid, signum, 0, 0, 0, 0);
}

long sigprocmask(uint32_t mask)
{
	return __syscall(SYS_SIGPROCMASK, mask, 0, 0, 0, 0, 0);
}

long sigreturn(void)
{
	return __syscall(SYS_SIGRETURN, 0, 0, 0, 0, 0, 0);
}

long setpgid(long pid, long pgid)
{
	return __syscall(SYS_SETPGID, pid, pgid, 0, 0, 0, 0);
}

long getpgid(long pid)
{
	return __syscall(SYS_GETPGID, pid, 0, 0, 0, 0, 0);
}

/* The console's foreground process group: the one Ctrl-C interrupts. */
long tcsetpgrp(int fd, long pgid)
{
	int g = (int)pgid;
	return ioctl(fd, TIOCSPGRP, &g);
}

long tcgetpgrp(int fd)
{
	int g = 0;
	long r = ioctl(fd, TIOCGPGRP, &g);
	return r < 0 ? r : g;
}

long diskstat(long n, struct diskstat *st)
{
	return __syscall(SYS_DISKSTAT, n, (long)st, 0, 0, 0, 0);
}

long drop_caches(void)
{
	return __syscall(SYS_DROP_CACHES, 0, 0, 0, 0, 0, 0);
}

long irqstat(struct irqstat *st)
{
	return __syscall(SYS_IRQSTAT, (long)st, 0, 0, 0, 0, 0);
}

long event_get(void)
{
	return __syscall(SYS_EVENT_GET, 0, 0, 0, 0, 0, 0);
}

long key_pressed(void)
{
	return __syscall(SYS_KEY_PRESSED, 0, 0, 0, 0, 0, 0);
}

long input_wait(long timeout_ms)
{
	return __syscall(SYS_INPUT_WAIT, timeout_ms, 0, 0, 0, 0, 0);
}

long input_abs_info(long axis, struct input_absinfo *info)
{
	return __syscall(SYS_INPUT_ABS_INFO, axis, (long)info, 0, 0, 0, 0);
}

long framebuffer(void)
{
	return __syscall(SYS_FRAMEBUFFER, 0, 0, 0, 0, 0, 0);
}

long framebuffer_flush(void)
{
	return __syscall(SYS_FRAMEBUFFER_FLUSH, 0, 0, 0, 0, 0, 0);
}

long framebuffer_flush_rect(long x, long y, long w, long h)
{
	return __syscall(SYS_FRAMEBUFFER_FLUSH_RECT, x, y, w, h, 0, 0);
}

long fb_info(struct fb_info *info)
{
	return __syscall(SYS_FB_INFO, (long)info, 0, 0, 0, 0, 0);
}

long socket(int domain, int type, int protocol)
{
	return __syscall(SYS_SOCKET, domain, type, protocol, 0, 0, 0);
}

long bind(int fd, const struct sockaddr_in *addr, uint32_t addrlen)
{
	return __syscall(SYS_BIND, fd, (long)addr, addrlen, 0, 0, 0);
}

long listen(int fd, int backlog)
{
	return __syscall(SYS_LISTEN, fd, backlog, 0, 0, 0, 0);
}

long accept(int fd, struct sockaddr_in *addr, uint32_t *addrlen)
{
	return __syscall(SYS_ACCEPT, fd, (long)addr, (long)addrlen, 0, 0, 0);
}

long connect(int fd, const struct sockaddr_in *addr, uint32_t addrlen)
{
	return __syscall(SYS_CONNECT, fd, (long)addr, addrlen, 0, 0, 0);
}

long getsockname(int fd, struct sockaddr_in *addr, uint32_t *addrlen)
{
	return __syscall(SYS_GETSOCKNAME, fd, (long)addr, (long)addrlen, 0, 0, 0);
}

long getpeername(int fd, struct sockaddr_in *addr, uint32_t *addrlen)
{
	return __syscall(SYS_GETPEERNAME, fd, (long)addr, (long)addrlen, 0, 0, 0);
}

long sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr_in *to,
	    uint32_t tolen)
{
	return __syscall(SYS_SENDTO, fd, (long)buf, (long)len, flags, (long)to, tolen);
}

long recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr_in *from, uint32_t *fromlen)
{
	return __syscall(SYS_RECVFROM, fd, (long)buf, (long)len, flags, (long)from, (long)fromlen);
}

long setsockopt(int fd, int level, int name, const void *value, uint32_t len)
{
	return __syscall(SYS_SETSOCKOPT, fd, level, name, (long)value, len, 0);
}

long shutdown(int fd, int how)
{
	return __syscall(SYS_SHUTDOWN, fd, how, 0, 0, 0, 0);
}

long ppoll(struct pollfd *fds, unsigned long nfds, const struct timespec *timeout,
	   const void *sigmask)
{
	return __syscall(SYS_PPOLL, (long)fds, (long)nfds, (long)timeout, (long)sigmask, 8, 0);
}

long poll(struct pollfd *fds, unsigned long nfds, long timeout_ms)
{
	struct timespec ts = {timeout_ms / 1000, timeout_ms % 1000 * 1000000};
	return ppoll(fds, nfds, timeout_ms < 0 ? NULL : &ts, NULL);
}

uint16_t htons(uint16_t v)
{
	return (uint16_t)(v << 8 | v >> 8);
}

uint32_t htonl(uint32_t v)
{
	return (v >> 24) | (v >> 8 & 0xff00) | (v << 8 & 0xff0000) | (v << 24);
}

int inet_aton(const char *s, uint32_t *out)
{
	uint8_t b[4];
	for (int i = 0; i < 4; i++) {
		int v = 0, digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (*s++ - '0');
			digits++;
		}
		if (digits == 0 || v > 255 || *s != (i < 3 ? '.' : '\0'))
			return -1;
		b[i] = (uint8_t)v;
		s++;
	}
	memcpy(out, b, 4);
	return 0;
}

struct sockaddr_in sockaddr(const char *ip, int port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	if (ip != NULL && inet_aton(ip, &a.sin_addr) != 0)
		a.sin_addr = 0;
	return a;
}
