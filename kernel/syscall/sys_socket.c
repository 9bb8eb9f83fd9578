/*
 * sys_socket.c - the socket calls (chapter 9), Linux's numbers and
 * arguments (docs/abi.md): they check the descriptor and copy addresses
 * and data between the program and the kernel; net/socket.c does the rest.
 *
 *   socket(domain, type, protocol)          AF_INET, SOCK_STREAM or SOCK_DGRAM,
 *                                           | SOCK_NONBLOCK
 *   bind(fd, addr, addrlen)                 connect(fd, addr, addrlen)
 *   listen(fd, backlog)                     accept(fd, addr, addrlen_ptr)
 *   getsockname / getpeername(fd, addr, addrlen_ptr)
 *   sendto(fd, buf, len, flags, addr, addrlen)
 *   recvfrom(fd, buf, len, flags, addr, addrlen_ptr)
 *   setsockopt(fd, level, name, value, len) SOL_SOCKET, SO_REUSEADDR
 *   shutdown(fd, how)
 *
 * -EBADF for a descriptor that is not open, -ENOTSOCK for one that is not
 * a socket, -EFAULT for memory the program cannot reach, -EINVAL for an
 * address length that is not that of a struct sockaddr_in.
 */
#include "syscall/syscall.h"
#include "net/socket.h"
#include "net/net.h"

#define IO_CHUNK 2048 /* TCP data goes through the kernel stack in pieces */

static uint8_t dgram_buf[SOCK_DGRAM_MAX]; /* one CPU, and no sleep while in use */

/* The socket of descriptor fd, or NULL with *err set. */
static struct sock *get_sock(struct proc *p, uint64_t fd, long *err)
{
	struct file *f = fd_get(p, fd);
	if (f == NULL) {
		*err = -EBADF;
		return NULL;
	}
	struct sock *s = file_sock(f);
	if (s == NULL)
		*err = -ENOTSOCK;
	return s;
}

/* A struct sockaddr_in from the program. */
static long addr_in(struct proc *p, uint64_t va, uint64_t len, struct sockaddr_in *a)
{
	if (len < sizeof(*a) || len > 128)
		return -EINVAL;
	if (copy_from_user(p, a, va, sizeof(*a)) != 0)
		return -EFAULT;
	if (a->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	return 0;
}

/* Give an address back: to va, with its length at lenp (in: room). */
static long addr_out(struct proc *p, uint64_t va, uint64_t lenp, const struct sockaddr_in *a)
{
	if (va == 0)
		return 0;
	uint32_t room;
	if (copy_from_user(p, &room, lenp, sizeof(room)) != 0)
		return -EFAULT;
	if ((int32_t)room < 0)
		return -EINVAL;
	uint32_t n = room < sizeof(*a) ? room : sizeof(*a);
	uint32_t full = sizeof(*a);
	if (copy_to_user(p, va, a, n) != 0 || copy_to_user(p, lenp, &full, sizeof(full)) != 0)
		return -EFAULT;
	return 0;
}

long sys_socket(struct proc *p, const uint64_t a[6])
{
	if (a[0] != AF_INET)
		return -EAFNOSUPPORT;
	int type = (int)(a[1] & ~(uint64_t)SOCK_NONBLOCK);
	if (type != SOCK_STREAM && type != SOCK_DGRAM)
		return -EINVAL;
	if (a[2] != 0 && !(type == SOCK_STREAM && a[2] == 6) && !(type == SOCK_DGRAM && a[2] == 17))
		return -EPROTONOSUPPORT;
	if (!net_up())
		return -ENETDOWN;
	int fd = fd_free(p);
	if (fd < 0)
		return fd;
	struct file *f;
	int err = sock_open(type, &f);
	if (err != 0)
		return err;
	sock_set_nonblock(file_sock(f), (a[1] & SOCK_NONBLOCK) != 0);
	p->files[fd] = f;
	return fd;
}

long sys_bind(struct proc *p, const uint64_t a[6])
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	struct sockaddr_in sa;
	if ((err = addr_in(p, a[1], a[2], &sa)) != 0)
		return err;
	return sock_bind(s, &sa);
}

long sys_listen(struct proc *p, const uint64_t a[6])
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	return sock_listen(s, (int)a[1]);
}

long sys_accept(struct proc *p, const uint64_t a[6])
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	uint32_t room;
	if (a[1] != 0 && copy_from_user(p, &room, a[2], sizeof(room)) != 0)
		return -EFAULT;
	int fd = fd_free(p);
	if (fd < 0)
		return fd;
	struct file *lf = file_dup(p->files[a[0]]); /* held while we sleep */
	struct file *f;
	struct sockaddr_in peer;
	err = sock_accept(s, &f, &peer);
	file_close(lf);
	if (err != 0)
		return err;
	if (p->files[fd] != NULL) { /* another thread took it meanwhile */
		fd = fd_free(p);
		if (fd < 0) {
			file_close(f);
			return fd;
		}
	}
	p->files[fd] = f;
	addr_out(p, a[1], a[2], &peer); /* checked above; a bad pointer now loses only the name */
	return fd;
}

long sys_connect(struct proc *p, const uint64_t a[6])
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	struct sockaddr_in sa;
	if ((err = addr_in(p, a[1], a[2], &sa)) != 0)
		return err;
	struct file *f = file_dup(p->files[a[0]]);
	err = sock_connect(s, &sa);
	file_close(f);
	return err;
}

static long name(struct proc *p, const uint64_t a[6], bool peer)
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	if (a[1] == 0)
		return -EFAULT;
	struct sockaddr_in sa;
	if ((err = sock_name(s, peer, &sa)) != 0)
		return err;
	return addr_out(p, a[1], a[2], &sa);
}

long sys_getsockname(struct proc *p, const uint64_t a[6])
{
	return name(p, a, false);
}

long sys_getpeername(struct proc *p, const uint64_t a[6])
{
	return name(p, a, true);
}

long sys_sendto(struct proc *p, const uint64_t a[6])
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	uint64_t va = a[1], len = a[2];
	struct sockaddr_in sa, *to = NULL;
	if (a[4] != 0) {
		if ((err = addr_in(p, a[4], a[5], &sa)) != 0)
			return err;
		to = &sa;
	}
	if (check_user(p, va, len, false) != 0)
		return -EFAULT;
	if (sock_type(s) == SOCK_DGRAM) {
		if (len > SOCK_DGRAM_MAX)
			return -EMSGSIZE;
		if (copy_from_user(p, dgram_buf, va, len) != 0)
			return -EFAULT;
		return sock_send(s, dgram_buf, len, to);
	}
	struct file *f = file_dup(p->files[a[0]]);
	uint64_t done = 0;
	uint8_t buf[IO_CHUNK];
	long r = 0;
	while (done < len) {
		uint64_t n = len - done < IO_CHUNK ? len - done : IO_CHUNK;
		if (copy_from_user(p, buf, va + done, n) != 0) {
			r = -EFAULT;
			break;
		}
		r = sock_send(s, buf, n, to);
		if (r <= 0)
			break;
		done += r;
		if ((uint64_t)r < n)
			break;
	}
	file_close(f);
	return done > 0 ? (long)done : r;
}

long sys_recvfrom(struct proc *p, const uint64_t a[6])
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	uint64_t va = a[1], len = a[2];
	if (check_user(p, va, len, true) != 0)
		return -EFAULT;
	uint32_t room;
	if (a[4] != 0 && copy_from_user(p, &room, a[5], sizeof(room)) != 0)
		return -EFAULT;
	struct file *f = file_dup(p->files[a[0]]);
	struct sockaddr_in from;
	memset(&from, 0, sizeof(from));
	long r;
	if (sock_type(s) == SOCK_DGRAM) {
		uint64_t n = len < SOCK_DGRAM_MAX ? len : SOCK_DGRAM_MAX;
		r = sock_recv(s, dgram_buf, n, &from);
		if (r > 0 && copy_to_user(p, va, dgram_buf, r) != 0)
			r = -EFAULT;
	} else {
		uint8_t buf[IO_CHUNK];
		uint64_t n = len < IO_CHUNK ? len : IO_CHUNK;
		r = sock_recv(s, buf, n, &from);
		if (r > 0 && copy_to_user(p, va, buf, r) != 0)
			r = -EFAULT;
	}
	file_close(f);
	if (r >= 0 && a[4] != 0 && addr_out(p, a[4], a[5], &from) != 0)
		return -EFAULT;
	return r;
}

long sys_setsockopt(struct proc *p, const uint64_t a[6])
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	if (a[1] != SOL_SOCKET || a[2] != SO_REUSEADDR)
		return -ENOPROTOOPT;
	int v;
	if (a[4] < sizeof(v))
		return -EINVAL;
	if (copy_from_user(p, &v, a[3], sizeof(v)) != 0)
		return -EFAULT;
	return sock_set_reuseaddr(s, v != 0);
}

long sys_shutdown(struct proc *p, const uint64_t a[6])
{
	long err;
	struct sock *s = get_sock(p, a[0], &err);
	if (s == NULL)
		return err;
	return sock_shutdown(s, (int)a[1]);
}
