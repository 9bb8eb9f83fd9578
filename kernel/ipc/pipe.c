/*
 * pipe.c - pipes (chapter 7+), the first layer of inter-process
 * communication: a pipe is a ring buffer of one page in the kernel, with
 * two open files on it, a read end and a write end. It is a file kind of
 * its own (struct file_ops, a stream): read, write and close on a
 * descriptor of a pipe come here. fork and dup copy descriptors, not
 * ends: each end is one struct file, and its reference count says how
 * many descriptors still hold it, so an end closes here only when its
 * last descriptor is closed (or its last holder exits).
 *
 *   - a read sleeps while the pipe is empty and some write end is open;
 *     it returns as soon as there are bytes (not all that was asked for),
 *     and 0 (end of file) once the pipe is empty and the write end closed;
 *   - a write sleeps while the pipe is full; a write of at most PIPE_BUF
 *     bytes waits until all of it fits, so its bytes are never interleaved
 *     with another writer's; a larger one goes in piece by piece;
 *   - writing with the read end closed raises SIGPIPE (task/signal.c),
 *     which ends the writer unless it is ignored or handled: then the
 *     write fails with -EPIPE;
 *   - a signal cuts a sleeping read or write short: -EINTR (or the bytes
 *     written so far);
 *   - closing the read end wakes the writers (they get -EPIPE), closing
 *     the write end wakes the readers (they get what is left, then 0);
 *     when both ends are closed the page goes back and the slot is free.
 *
 * The pipes are a fixed table; one CPU and a kernel that runs with
 * interrupts off, so the test of a condition and the sleep that follows
 * cannot be separated (wait.c).
 */
#include "task/task.h"
#include "ipc/pipe.h"
#include "abi/stat.h"
#include "abi/poll.h"

#define NPIPE (NFILE / 2) /* each pipe takes two open files */
#define PIPE_SIZE HAL_PAGE_SIZE

struct pipe {
	bool used;
	uint8_t *buf;		    /* PIPE_SIZE bytes: one kernel page */
	uint64_t buf_pa;	    /* its physical address, to free it */
	uint64_t nread, nwrite;	    /* bytes ever read and written: the ring's ends */
	bool read_open, write_open; /* whether each end still has an open file */
	struct waitq readers;	    /* asleep until there are bytes or no writer */
	struct waitq writers;	    /* asleep until there is room or no reader */
};

static struct pipe pipes[NPIPE];

static long pipe_read(struct file *f, void *dst, uint64_t n)
{
	struct pipe *p = f->priv;
	while (p->nwrite == p->nread && p->write_open)
		if (wait_sleep_intr(&p->readers) != 0)
			return -EINTR; /* a signal came first */
	uint64_t avail = p->nwrite - p->nread;
	if (n > avail)
		n = avail;
	uint8_t *d = dst;
	for (uint64_t done = 0; done < n;) {
		uint64_t at = p->nread % PIPE_SIZE, k = PIPE_SIZE - at; /* up to the ring's end */
		if (k > n - done)
			k = n - done;
		memcpy(d + done, p->buf + at, k);
		p->nread += k;
		done += k;
	}
	if (n > 0) {
		wait_wake_all(&p->writers);
		wait_wake_pollers();
	}
	return n;
}

static long pipe_write(struct file *f, const void *src, uint64_t n)
{
	struct pipe *p = f->priv;
	const uint8_t *s = src;
	uint64_t done = 0;
	while (done < n) {
		if (!p->read_open) {
			/* SIGPIPE ends the writer by default; if it is ignored or
			   handled, the write fails with -EPIPE */
			signal_send(current_proc(), SIGPIPE);
			return done > 0 ? (long)done : -EPIPE;
		}
		uint64_t room = PIPE_SIZE - (p->nwrite - p->nread);
		if (room == 0 || (n <= PIPE_BUF && room < n)) { /* small writes go in whole */
			if (wait_sleep_intr(&p->writers) != 0)
				return done > 0 ? (long)done : -EINTR;
			continue;
		}
		uint64_t at = p->nwrite % PIPE_SIZE, k = PIPE_SIZE - at;
		if (k > room)
			k = room;
		if (k > n - done)
			k = n - done;
		memcpy(p->buf + at, s + done, k);
		p->nwrite += k;
		done += k;
		wait_wake_all(&p->readers);
		wait_wake_pollers();
	}
	return done;
}

static void pipe_stat(struct file *f, struct stat *st)
{
	(void)f;
	st->nlink = 1;
	st->mode = S_IFIFO;
}

/* The last reference to one end is gone. */
static int pipe_close(struct file *f)
{
	struct pipe *p = f->priv;
	if ((f->flags & 3) == O_RDONLY) {
		p->read_open = false;
		wait_wake_all(&p->writers);
	} else {
		p->write_open = false;
		wait_wake_all(&p->readers);
	}
	wait_wake_pollers();
	if (!p->read_open && !p->write_open) {
		kernel_page_free(p->buf_pa);
		p->buf = NULL;
		p->used = false;
	}
	return 0;
}

/* ppoll: the read end is ready with bytes or without a writer, the
   write end with room or without a reader. */
static int pipe_poll(struct file *f)
{
	struct pipe *p = f->priv;
	if ((f->flags & 3) == O_RDONLY)
		return (p->nwrite != p->nread ? POLLIN : 0) | (p->write_open ? 0 : POLLHUP);
	if (!p->read_open)
		return POLLOUT | POLLERR;
	return p->nwrite - p->nread < PIPE_SIZE ? POLLOUT : 0;
}

static const struct file_ops pipe_file_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .stat = pipe_stat,
    .close = pipe_close,
    .poll = pipe_poll,
    .stream = true,
};

int pipe_open(struct file **rd, struct file **wr)
{
	struct pipe *p = NULL;
	for (int i = 0; i < NPIPE && p == NULL; i++)
		if (!pipes[i].used)
			p = &pipes[i];
	if (p == NULL)
		return -ENFILE;
	struct file *r = file_alloc();
	struct file *w = r != NULL ? file_alloc() : NULL;
	uint64_t pa = w != NULL ? kernel_page_alloc() : 0;
	if (pa == 0) {
		if (w != NULL)
			file_close(w); /* no kind yet: nothing but the slot to give back */
		if (r != NULL)
			file_close(r);
		return w != NULL ? -ENOMEM : -ENFILE;
	}
	memset(p, 0, sizeof(*p));
	p->used = true;
	p->buf_pa = pa;
	p->buf = hal_phys_to_virt(pa);
	p->read_open = p->write_open = true;
	file_set(r, &pipe_file_ops, p, O_RDONLY);
	file_set(w, &pipe_file_ops, p, O_WRONLY);
	*rd = r;
	*wr = w;
	return 0;
}
