/*
 * socket.h - sockets (chapter 9, socket.c): a file kind over lwIP's TCP
 * and UDP. Addresses are struct sockaddr_in (abi/socket.h, network byte
 * order). Every call returns 0 (or a count) or -errno; the buffers are
 * kernel memory (syscall/sys_socket.c copies from and to the program).
 */
#ifndef NET_SOCKET_H
#define NET_SOCKET_H

#include "fs/vfs.h"
#include "abi/socket.h"

struct sock;

/* The largest datagram sent or received (UDP). */
#define SOCK_DGRAM_MAX 8192

/* A new socket of `type` (SOCK_STREAM, SOCK_DGRAM) as an open file with
   one reference. */
int sock_open(int type, struct file **out);
/* The socket of an open file; NULL if it is another kind. */
struct sock *file_sock(struct file *f);
int sock_type(struct sock *s);
int sock_bind(struct sock *s, const struct sockaddr_in *a);
int sock_listen(struct sock *s, int backlog);
/* Sleep until a connection comes; it becomes a new open file. */
int sock_accept(struct sock *s, struct file **out, struct sockaddr_in *peer);
int sock_connect(struct sock *s, const struct sockaddr_in *a);
int sock_name(struct sock *s, bool peer, struct sockaddr_in *a);
/* Send n bytes (to `to` if not NULL: a datagram's destination). TCP
   sleeps until all of it is queued; a datagram goes whole or not at all. */
long sock_send(struct sock *s, const void *buf, uint64_t n, const struct sockaddr_in *to);
/* Sleep until there is something: up to n bytes (one datagram, cut to n)
   and who sent them; 0 at the end of a TCP stream. */
long sock_recv(struct sock *s, void *buf, uint64_t n, struct sockaddr_in *from);
int sock_set_reuseaddr(struct sock *s, bool on);
/* SOCK_NONBLOCK: accept, read and write return -EAGAIN instead of sleeping. */
void sock_set_nonblock(struct sock *s, bool on);
int sock_shutdown(struct sock *s, int how);

#endif
