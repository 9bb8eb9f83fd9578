/* ch7_pipes.h - what the chapter 7 pipe tests share: pipe and dup by the
   kernel's own ABI (pipe fills two 8-byte slots, rCore's layout), and
   helpers to read or write a whole buffer over a pipe, whose reads return
   as soon as some bytes are there. */
#ifndef CH7_PIPES_H
#define CH7_PIPES_H

#include "ulib.h"

/* The raw call on two slots at user address `slots`: 0 or a negative error. */
static inline long pipe_slots(uint64_t slots)
{
	return __syscall(SYS_PIPE, (long)slots, 0, 0, 0, 0, 0);
}

/* fds[0] the read end, fds[1] the write end; 0 or a negative error. */
static inline long pipe_fds(int fds[2])
{
	uint64_t s[2];
	long r = pipe_slots((uint64_t)s);
	if (r == 0) {
		fds[0] = (int)s[0];
		fds[1] = (int)s[1];
	}
	return r;
}

static inline long dup_fd(long fd)
{
	return __syscall(SYS_DUP, fd, 0, 0, 0, 0, 0);
}

/* Read exactly n bytes unless the pipe ends first: the count read. */
static inline long read_full(int fd, void *buf, long n)
{
	long got = 0;
	while (got < n) {
		long r = read(fd, (char *)buf + got, n - got);
		if (r <= 0)
			break;
		got += r;
	}
	return got;
}

/* Write all n bytes: n, or the error or short count write gave. */
static inline long write_full(int fd, const void *buf, long n)
{
	long put = 0;
	while (put < n) {
		long r = write(fd, (const char *)buf + put, n - put);
		if (r <= 0)
			return put > 0 ? put : r;
		put += r;
	}
	return put;
}

#endif
