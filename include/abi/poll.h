/*
 * poll.h - ppoll (73, chapter 9): Linux's struct pollfd and event bits,
 * and the struct timespec of its timeout. Shared by the kernel and the
 * user library.
 */
#ifndef ABI_POLL_H
#define ABI_POLL_H

#include <stdint.h>

#define POLLIN 0x001   /* a read would not sleep (data, end of file, a connection) */
#define POLLOUT 0x004  /* a write would not sleep */
#define POLLERR 0x008  /* an error (always reported) */
#define POLLHUP 0x010  /* the other end is gone (always reported) */
#define POLLNVAL 0x020 /* fd is not open (always reported) */

struct pollfd {
	int32_t fd; /* < 0: ignored, revents 0 */
	int16_t events;
	int16_t revents;
};

struct timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

#endif
