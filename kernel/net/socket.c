/*
 * socket.c - sockets (chapter 9): a file kind (like a pipe) over lwIP's
 * raw TCP and UDP API. A socket is a struct sock in a fixed table with
 * the lwIP "protocol control block" (pcb) it drives.
 *
 * lwIP tells us what happens through callbacks, which run inside lwIP,
 * called from the card's interrupt or the clock (net.c):
 *   tcp_recv_cb   data arrived (or the peer's FIN: p == NULL): kept on
 *                 s->rx, a chain of pbufs, until a read takes it;
 *   tcp_sent_cb   the peer acknowledged data: room to write again;
 *   tcp_err_cb    the connection is gone (reset, aborted): lwIP has freed
 *                 the pcb already;
 *   accept_cb     a listening socket got a connection: a new socket on
 *                 its accept queue;
 *   connected_cb  our connect() was answered;
 *   udp_recv_cb   a datagram arrived: onto s->dgrams.
 * Each callback records what happened and wakes the threads asleep on
 * s->rd (readers, accept) or s->wr (writers, connect). A blocking call
 * tests its condition and sleeps on the queue; with interrupts off and
 * one CPU, no callback can run between the test and the sleep.
 *
 * A socket made with SOCK_NONBLOCK never sleeps in accept, read or write:
 * where it would, the call returns -EAGAIN (a write that queued some
 * bytes returns how many). connect still waits for the answer.
 *
 * Writing to a TCP socket whose connection has ended (the peer reset it,
 * or we shut down our sending side) raises SIGPIPE, as a pipe does, and
 * fails with -EPIPE if the signal is ignored or handled.
 *
 * Flow control: a read gives the bytes it took back to TCP (tcp_recved),
 * which opens the window again; unread data holds the window shut, so a
 * slow reader slows the sender rather than filling memory.
 */
#include "net/socket.h"
#include "task/task.h"
#include "abi/stat.h"
#include "abi/poll.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"
#include "lwip/ip4_addr.h"

#define NSOCK 64
#define ACCEPT_MAX 32 /* connections waiting for accept() */
#define DGRAM_Q 32    /* datagrams waiting for a read */
#define WRITE_RETRY_MS 20

struct dgram {
	struct pbuf *p;
	ip_addr_t addr;
	u16_t port;
};

struct sock {
	bool used;
	bool has_file; /* an open file holds it (else: on an accept queue) */
	int type;      /* SOCK_STREAM or SOCK_DGRAM */
	struct tcp_pcb *tcp;
	struct udp_pcb *udp;
	bool listening;
	bool connecting, connected;
	bool eof;	 /* TCP: the peer closed its side */
	bool rd_shut;	 /* shutdown(SHUT_RD) */
	bool wr_shut;	 /* shutdown(SHUT_WR) */
	bool reuse;	 /* SO_REUSEADDR */
	bool nonblock;	 /* SOCK_NONBLOCK: -EAGAIN instead of sleeping */
	int err;	 /* -errno the connection ended with, 0 if none */
	struct pbuf *rx; /* TCP: received, not yet read */
	struct dgram dgrams[DGRAM_Q];
	int dq_head, dq_n;
	struct sock *accq[ACCEPT_MAX];
	int acc_head, acc_n, backlog;
	struct sockaddr_in local, peer; /* what the names say */
	struct waitq rd, wr;
};

static struct sock socks[NSOCK];
static const struct file_ops sock_ops;

/* Wake the threads asleep on q, and those in ppoll (they look again). */
static void wake(struct waitq *q)
{
	wait_wake_all(q);
	wait_wake_pollers();
}

static struct sock *sock_alloc(int type)
{
	for (int i = 0; i < NSOCK; i++)
		if (!socks[i].used) {
			struct sock *s = &socks[i];
			memset(s, 0, sizeof(*s));
			s->used = true;
			s->type = type;
			return s;
		}
	return NULL;
}

static void to_sockaddr(struct sockaddr_in *a, const ip_addr_t *ip, u16_t port)
{
	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_port = lwip_htons(port);
	a->sin_addr = ip != NULL ? ip_2_ip4(ip)->addr : 0;
}

static void from_sockaddr(const struct sockaddr_in *a, ip_addr_t *ip, u16_t *port)
{
	ip_addr_set_ip4_u32(ip, a->sin_addr);
	*port = lwip_ntohs(a->sin_port);
}

/* lwIP's error as -errno. */
static int errno_of(err_t e)
{
	switch (e) {
	case ERR_OK:
		return 0;
	case ERR_MEM:
	case ERR_BUF:
		return -ENOBUFS;
	case ERR_TIMEOUT:
		return -ETIMEDOUT;
	case ERR_RTE:
		return -ENETUNREACH;
	case ERR_INPROGRESS:
		return -EALREADY;
	case ERR_VAL:
		return -EINVAL;
	case ERR_USE:
		return -EADDRINUSE;
	case ERR_ALREADY:
		return -EALREADY;
	case ERR_ISCONN:
		return -EISCONN;
	case ERR_CONN:
		return -ENOTCONN;
	case ERR_IF:
		return -ENETDOWN;
	case ERR_ABRT:
		return -ECONNABORTED;
	case ERR_RST:
		return -ECONNRESET;
	case ERR_CLSD:
		return -ENOTCONN;
	default:
		return -EIO;
	}
}

/* ---- TCP callbacks ---- */

static err_t tcp_recv_cb(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct sock *s = arg;
	(void)pcb;
	(void)err;
	if (p == NULL) {
		s->eof = true;
	} else if (s->rd_shut) {
		tcp_recved(pcb, p->tot_len); /* nobody will read it */
		pbuf_free(p);
	} else if (s->rx == NULL) {
		s->rx = p;
	} else {
		pbuf_cat(s->rx, p);
	}
	wake(&s->rd);
	return ERR_OK;
}

static err_t tcp_sent_cb(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct sock *s = arg;
	(void)pcb;
	(void)len;
	wake(&s->wr);
	return ERR_OK;
}

/* The pcb is gone (lwIP freed it). */
static void tcp_err_cb(void *arg, err_t err)
{
	struct sock *s = arg;
	s->tcp = NULL;
	s->err = s->connecting && err == ERR_RST ? -ECONNREFUSED : errno_of(err);
	if (s->err == 0)
		s->err = -ECONNRESET;
	s->connecting = false;
	wake(&s->rd);
	wake(&s->wr);
}

static void tcp_callbacks(struct sock *s, struct tcp_pcb *pcb)
{
	tcp_arg(pcb, s);
	tcp_recv(pcb, tcp_recv_cb);
	tcp_sent(pcb, tcp_sent_cb);
	tcp_err(pcb, tcp_err_cb);
}

static err_t accept_cb(void *arg, struct tcp_pcb *newpcb, err_t err)
{
	struct sock *l = arg;
	if (err != ERR_OK || newpcb == NULL)
		return ERR_VAL;
	struct sock *s = l->acc_n < l->backlog ? sock_alloc(SOCK_STREAM) : NULL;
	if (s == NULL) {
		tcp_abort(newpcb); /* the queue or the table is full: refuse it */
		return ERR_ABRT;
	}
	s->tcp = newpcb;
	s->connected = true;
	to_sockaddr(&s->local, &newpcb->local_ip, newpcb->local_port);
	to_sockaddr(&s->peer, &newpcb->remote_ip, newpcb->remote_port);
	tcp_callbacks(s, newpcb);
	l->accq[(l->acc_head + l->acc_n++) % ACCEPT_MAX] = s;
	wake(&l->rd);
	return ERR_OK;
}

static err_t connected_cb(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct sock *s = arg;
	s->connecting = false;
	if (err == ERR_OK) {
		s->connected = true;
		to_sockaddr(&s->local, &pcb->local_ip, pcb->local_port);
	} else {
		s->err = errno_of(err);
	}
	wake(&s->wr);
	return ERR_OK;
}

/* ---- UDP callback ---- */

static void udp_recv_cb(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
			u16_t port)
{
	struct sock *s = arg;
	(void)pcb;
	if (s->dq_n == DGRAM_Q || s->rd_shut) {
		pbuf_free(p); /* nobody reads fast enough: dropped, as UDP may */
		return;
	}
	struct dgram *d = &s->dgrams[(s->dq_head + s->dq_n++) % DGRAM_Q];
	d->p = p;
	ip_addr_copy(d->addr, *addr);
	d->port = port;
	wake(&s->rd);
}

/* ---- the calls ---- */

int sock_open(int type, struct file **out)
{
	struct file *f = file_alloc();
	if (f == NULL)
		return -ENFILE;
	struct sock *s = sock_alloc(type);
	if (s == NULL) {
		file_close(f);
		return -ENFILE;
	}
	if (type == SOCK_STREAM) {
		s->tcp = tcp_new_ip_type(IPADDR_TYPE_V4);
		if (s->tcp != NULL)
			tcp_callbacks(s, s->tcp);
	} else {
		s->udp = udp_new_ip_type(IPADDR_TYPE_V4);
		if (s->udp != NULL)
			udp_recv(s->udp, udp_recv_cb, s);
	}
	if (s->tcp == NULL && s->udp == NULL) {
		s->used = false;
		file_close(f);
		return -ENOMEM;
	}
	s->has_file = true;
	s->local.sin_family = AF_INET;
	file_set(f, &sock_ops, s, O_RDWR);
	*out = f;
	return 0;
}

struct sock *file_sock(struct file *f)
{
	return f->ops == &sock_ops ? f->priv : NULL;
}

int sock_type(struct sock *s)
{
	return s->type;
}

void sock_set_nonblock(struct sock *s, bool on)
{
	s->nonblock = on;
}

int sock_set_reuseaddr(struct sock *s, bool on)
{
	s->reuse = on;
	if (s->tcp != NULL) {
		if (on)
			ip_set_option(s->tcp, SOF_REUSEADDR);
		else
			ip_reset_option(s->tcp, SOF_REUSEADDR);
	}
	if (s->udp != NULL) {
		if (on)
			ip_set_option(s->udp, SOF_REUSEADDR);
		else
			ip_reset_option(s->udp, SOF_REUSEADDR);
	}
	return 0;
}

int sock_bind(struct sock *s, const struct sockaddr_in *a)
{
	ip_addr_t ip;
	u16_t port;
	from_sockaddr(a, &ip, &port);
	err_t e;
	if (s->type == SOCK_STREAM) {
		if (s->tcp == NULL)
			return s->err ? s->err : -EINVAL;
		if (s->listening || s->connected || s->connecting || s->tcp->local_port != 0)
			return -EINVAL;
		e = tcp_bind(s->tcp, &ip, port);
		if (e == ERR_OK)
			to_sockaddr(&s->local, &ip, s->tcp->local_port);
	} else {
		if (s->udp->local_port != 0)
			return -EINVAL;
		e = udp_bind(s->udp, &ip, port);
		if (e == ERR_OK)
			to_sockaddr(&s->local, &ip, s->udp->local_port);
	}
	if (e == ERR_VAL)
		return -EADDRNOTAVAIL;
	return errno_of(e);
}

int sock_listen(struct sock *s, int backlog)
{
	if (s->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	if (s->tcp == NULL || s->connected || s->connecting)
		return -EINVAL;
	if (backlog < 1)
		backlog = 1;
	if (backlog > ACCEPT_MAX)
		backlog = ACCEPT_MAX;
	s->backlog = backlog;
	if (s->listening)
		return 0;
	if (s->tcp->local_port == 0) {
		err_t e = tcp_bind(s->tcp, IP4_ADDR_ANY, 0);
		if (e != ERR_OK)
			return errno_of(e);
		to_sockaddr(&s->local, NULL, s->tcp->local_port);
	}
	err_t e;
	struct tcp_pcb *l = tcp_listen_with_backlog_and_err(s->tcp, (u8_t)backlog, &e);
	if (l == NULL)
		return errno_of(e); /* the old pcb is still ours */
	s->tcp = l;		    /* lwIP freed the old pcb */
	s->listening = true;
	tcp_arg(l, s);
	tcp_accept(l, accept_cb);
	return 0;
}

int sock_accept(struct sock *s, struct file **out, struct sockaddr_in *peer)
{
	if (s->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	if (!s->listening)
		return -EINVAL;
	if (s->acc_n == 0 && s->nonblock)
		return -EAGAIN;
	struct file *f = file_alloc(); /* first: no connection lost for want of it */
	if (f == NULL)
		return -ENFILE;
	while (s->acc_n == 0) {
		if (wait_sleep_intr(&s->rd) != 0) {
			file_close(f);
			return -EINTR;
		}
	}
	struct sock *c = s->accq[s->acc_head];
	s->acc_head = (s->acc_head + 1) % ACCEPT_MAX;
	s->acc_n--;
	c->has_file = true;
	file_set(f, &sock_ops, c, O_RDWR);
	*peer = c->peer;
	*out = f;
	return 0;
}

int sock_connect(struct sock *s, const struct sockaddr_in *a)
{
	ip_addr_t ip;
	u16_t port;
	from_sockaddr(a, &ip, &port);
	if (s->type == SOCK_DGRAM) {
		err_t e = udp_connect(s->udp, &ip, port);
		if (e == ERR_OK) {
			s->peer = *a;
			to_sockaddr(&s->local, &s->udp->local_ip, s->udp->local_port);
		}
		return errno_of(e);
	}
	if (s->listening)
		return -EINVAL;
	if (s->connected)
		return -EISCONN;
	if (s->tcp == NULL)
		return s->err ? s->err : -EINVAL;
	if (!s->connecting) {
		if (port == 0)
			return -EINVAL;
		err_t e = tcp_connect(s->tcp, &ip, port, connected_cb);
		if (e != ERR_OK)
			return errno_of(e);
		s->connecting = true;
		s->peer = *a;
		s->peer.sin_family = AF_INET;
	}
	while (s->connecting)
		if (wait_sleep_intr(&s->wr) != 0)
			return -EINTR; /* it goes on connecting; call again to wait */
	if (!s->connected)
		return s->err ? s->err : -ECONNREFUSED;
	return 0;
}

int sock_name(struct sock *s, bool peer, struct sockaddr_in *a)
{
	if (peer) {
		if (s->type == SOCK_STREAM ? !s->connected : !(s->udp->flags & UDP_FLAGS_CONNECTED))
			return -ENOTCONN;
		*a = s->peer;
		return 0;
	}
	if (s->type == SOCK_DGRAM)
		to_sockaddr(&s->local, &s->udp->local_ip, s->udp->local_port);
	*a = s->local;
	return 0;
}

static long tcp_send(struct sock *s, const uint8_t *buf, uint64_t n)
{
	uint64_t done = 0;
	while (done < n) {
		if ((s->err != 0 && s->connected) || s->wr_shut) {
			/* the connection is over: as a pipe without a reader */
			signal_send(current_proc(), SIGPIPE);
			return done > 0 ? (long)done : -EPIPE;
		}
		if (s->err != 0) /* connect failed */
			return done > 0 ? (long)done : s->err;
		if (!s->connected || s->tcp == NULL)
			return done > 0 ? (long)done : -ENOTCONN;
		uint64_t room = tcp_sndbuf(s->tcp);
		if (room > n - done)
			room = n - done;
		if (room > 0xffff)
			room = 0xffff;
		err_t e = ERR_MEM;
		if (room > 0 && tcp_sndqueuelen(s->tcp) < TCP_SND_QUEUELEN - 2)
			e = tcp_write(s->tcp, buf + done, (u16_t)room, TCP_WRITE_FLAG_COPY);
		if (e == ERR_OK) {
			done += room;
			continue;
		}
		if (e != ERR_MEM)
			return done > 0 ? (long)done : errno_of(e);
		/* Full: send what is queued and wait for the peer's ack (or a
		   moment, if lwIP ran out of memory with nothing in flight). */
		tcp_output(s->tcp);
		if (s->nonblock)
			return done > 0 ? (long)done : -EAGAIN;
		if (signal_pending(current_thread()))
			return done > 0 ? (long)done : -EINTR;
		clock_wait_until(&s->wr, hal_time() + hal_time_freq() / 1000 * WRITE_RETRY_MS);
	}
	if (s->tcp != NULL)
		tcp_output(s->tcp);
	return done;
}

static long udp_send_to(struct sock *s, const void *buf, uint64_t n, const struct sockaddr_in *to)
{
	if (s->wr_shut)
		return -EPIPE;
	if (n > SOCK_DGRAM_MAX)
		return -EMSGSIZE;
	if (to == NULL && !(s->udp->flags & UDP_FLAGS_CONNECTED))
		return -EDESTADDRREQ;
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)n, PBUF_RAM);
	if (p == NULL)
		return -ENOBUFS;
	memcpy(p->payload, buf, n);
	err_t e;
	if (to != NULL) {
		ip_addr_t ip;
		u16_t port;
		from_sockaddr(to, &ip, &port);
		e = port == 0 ? ERR_VAL : udp_sendto(s->udp, p, &ip, port);
	} else {
		e = udp_send(s->udp, p);
	}
	pbuf_free(p);
	return e == ERR_OK ? (long)n : errno_of(e);
}

long sock_send(struct sock *s, const void *buf, uint64_t n, const struct sockaddr_in *to)
{
	if (s->type == SOCK_DGRAM)
		return udp_send_to(s, buf, n, to);
	if (s->listening)
		return -ENOTCONN;
	if (to != NULL && !s->connected)
		return -EOPNOTSUPP; /* TCP has no "send to" */
	return tcp_send(s, buf, n);
}

static long tcp_recv_from(struct sock *s, void *buf, uint64_t n, struct sockaddr_in *from)
{
	if (s->listening || (!s->connected && s->err == 0))
		return -ENOTCONN;
	while (s->rx == NULL && !s->eof && !s->rd_shut && s->err == 0)
		if (s->nonblock)
			return -EAGAIN;
		else if (wait_sleep_intr(&s->rd) != 0)
			return -EINTR;
	if (s->rx != NULL) {
		if (n > s->rx->tot_len)
			n = s->rx->tot_len;
		if (n > 0xffff)
			n = 0xffff;
		pbuf_copy_partial(s->rx, buf, (u16_t)n, 0);
		s->rx = pbuf_free_header(s->rx, (u16_t)n);
		if (s->tcp != NULL)
			tcp_recved(s->tcp, (u16_t)n); /* open the window again */
		if (from != NULL)
			*from = s->peer;
		return n;
	}
	if (s->eof || s->rd_shut)
		return 0;
	int err = s->err;
	return err == -ECONNRESET || err == -ECONNABORTED ? err : 0;
}

static long udp_recv_from(struct sock *s, void *buf, uint64_t n, struct sockaddr_in *from)
{
	while (s->dq_n == 0 && !s->rd_shut)
		if (s->nonblock)
			return -EAGAIN;
		else if (wait_sleep_intr(&s->rd) != 0)
			return -EINTR;
	if (s->dq_n == 0)
		return 0;
	struct dgram *d = &s->dgrams[s->dq_head];
	s->dq_head = (s->dq_head + 1) % DGRAM_Q;
	s->dq_n--;
	if (n > d->p->tot_len)
		n = d->p->tot_len;
	/* a datagram longer than the buffer is cut: its rest is lost, and
	   the next read gets the next datagram (Linux's MSG_TRUNC aside) */
	pbuf_copy_partial(d->p, buf, (u16_t)n, 0);
	if (from != NULL)
		to_sockaddr(from, &d->addr, d->port);
	pbuf_free(d->p);
	return n;
}

long sock_recv(struct sock *s, void *buf, uint64_t n, struct sockaddr_in *from)
{
	if (s->type == SOCK_DGRAM)
		return udp_recv_from(s, buf, n, from);
	return tcp_recv_from(s, buf, n, from);
}

int sock_shutdown(struct sock *s, int how)
{
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return -EINVAL;
	if (s->type == SOCK_STREAM && !s->connected)
		return -ENOTCONN;
	if (how != SHUT_WR) {
		s->rd_shut = true;
		if (s->rx != NULL) {
			if (s->tcp != NULL)
				tcp_recved(s->tcp, s->rx->tot_len);
			pbuf_free(s->rx);
			s->rx = NULL;
		}
		wake(&s->rd);
	}
	if (how != SHUT_RD && !s->wr_shut) {
		s->wr_shut = true;
		if (s->tcp != NULL)
			tcp_shutdown(s->tcp, 0, 1); /* our FIN */
		wake(&s->wr);
	}
	return 0;
}

/* Free socket s and what it holds; its pcb is closed (or reset). */
static void sock_free(struct sock *s)
{
	if (s->tcp != NULL) {
		struct tcp_pcb *pcb = s->tcp;
		tcp_arg(pcb, NULL);
		if (s->listening) {
			tcp_accept(pcb, NULL);
		} else {
			tcp_recv(pcb, NULL);
			tcp_sent(pcb, NULL);
			tcp_err(pcb, NULL);
			if (s->rx != NULL)
				tcp_recved(pcb, s->rx->tot_len); /* read, as far as TCP knows */
		}
		if (tcp_close(pcb) != ERR_OK)
			tcp_abort(pcb);
		s->tcp = NULL;
	}
	if (s->rx != NULL)
		pbuf_free(s->rx);
	if (s->udp != NULL)
		udp_remove(s->udp);
	for (; s->dq_n > 0; s->dq_n--) {
		pbuf_free(s->dgrams[s->dq_head].p);
		s->dq_head = (s->dq_head + 1) % DGRAM_Q;
	}
	/* connections nobody accepted */
	for (; s->acc_n > 0; s->acc_n--) {
		struct sock *c = s->accq[s->acc_head];
		s->acc_head = (s->acc_head + 1) % ACCEPT_MAX;
		if (c->tcp != NULL) {
			tcp_arg(c->tcp, NULL);
			tcp_err(c->tcp, NULL);
			tcp_abort(c->tcp);
			c->tcp = NULL;
		}
		sock_free(c);
	}
	s->used = false;
}

/* ---- the file kind ---- */

static long sock_file_read(struct file *f, void *dst, uint64_t n)
{
	return sock_recv(f->priv, dst, n, NULL);
}

static long sock_file_write(struct file *f, const void *src, uint64_t n)
{
	return sock_send(f->priv, src, n, NULL);
}

static void sock_file_stat(struct file *f, struct stat *st)
{
	(void)f;
	st->mode = S_IFSOCK;
	st->nlink = 1;
}

static int sock_file_close(struct file *f)
{
	sock_free(f->priv);
	return 0;
}

/* ppoll: what a read or write would do now without sleeping. */
static int sock_file_poll(struct file *f)
{
	struct sock *s = f->priv;
	if (s->type == SOCK_DGRAM)
		return POLLOUT | (s->dq_n > 0 || s->rd_shut ? POLLIN : 0);
	if (s->listening)
		return s->acc_n > 0 ? POLLIN : 0;
	int m = 0;
	if (s->rx != NULL || s->eof || s->rd_shut || s->err != 0)
		m |= POLLIN;
	if (s->err != 0)
		m |= POLLERR | POLLHUP;
	else if (s->eof && s->wr_shut)
		m |= POLLHUP;
	if (s->err != 0 || s->wr_shut ||
	    (s->connected && s->tcp != NULL && tcp_sndbuf(s->tcp) > 0 &&
	     tcp_sndqueuelen(s->tcp) < TCP_SND_QUEUELEN - 2))
		m |= POLLOUT; /* room, or a write that fails at once */
	return m;
}

static const struct file_ops sock_ops = {
    .read = sock_file_read,
    .write = sock_file_write,
    .stat = sock_file_stat,
    .close = sock_file_close,
    .ioctl = NULL,
    .poll = sock_file_poll,
    .stream = true,
};
