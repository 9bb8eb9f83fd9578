/*
 * sys_poll.c - ppoll (73, chapter 9): wait until one of several
 * descriptors is ready, as Linux's ppoll(fds, nfds, timeout, sigmask,
 * sigsetsize). Each file kind says what a read or write would do now
 * (file_ops.poll; files on disk are always ready); when none of the
 * descriptors is ready, the thread sleeps on one queue, poll_waiters,
 * which pipes, sockets and the console wake whenever something changes,
 * and looks at them all again. With one CPU and interrupts off in the
 * kernel, nothing can become ready between the look and the sleep.
 *
 * The timeout is a struct timespec (NULL: no limit; zero: just look).
 * sigmask must be NULL (no signal mask is swapped in), or -EINVAL.
 * Returns how many descriptors have something in revents, 0 when the time
 * is up, -EINTR if a signal came first.
 */
#include "syscall/syscall.h"
#include "abi/poll.h"

#define POLL_MAX 64 /* descriptors in one call */

/* Fill in each revents; how many are not 0. */
static long scan(struct proc *p, struct pollfd *fds, uint64_t n)
{
	long ready = 0;
	for (uint64_t i = 0; i < n; i++) {
		struct pollfd *pf = &fds[i];
		pf->revents = 0;
		if (pf->fd < 0)
			continue;
		struct file *f = fd_get(p, (uint64_t)pf->fd);
		if (f == NULL) {
			pf->revents = POLLNVAL;
		} else {
			int m = f->ops->poll != NULL ? f->ops->poll(f) : POLLIN | POLLOUT;
			pf->revents = (int16_t)(m & (pf->events | POLLERR | POLLHUP));
		}
		if (pf->revents != 0)
			ready++;
	}
	return ready;
}

long sys_ppoll(struct proc *p, const uint64_t a[6])
{
	uint64_t n = a[1];
	if (n > POLL_MAX || a[3] != 0)
		return -EINVAL;
	uint64_t deadline = CLOCK_NEVER;
	if (a[2] != 0) {
		struct timespec ts;
		if (copy_from_user(p, &ts, a[2], sizeof(ts)) != 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		uint64_t freq = hal_time_freq(), sec = (uint64_t)ts.tv_sec;
		if (sec < (CLOCK_NEVER - hal_time()) / freq - 1)
			deadline = hal_time() + sec * freq +
				   (uint64_t)ts.tv_nsec * (freq / 1000) / 1000000;
	}
	struct pollfd mine[POLL_MAX];
	if (n > 0 && copy_from_user(p, mine, a[0], n * sizeof(mine[0])) != 0)
		return -EFAULT;
	for (;;) {
		long ready = scan(p, mine, n);
		if (ready > 0 || hal_time() >= deadline) {
			if (n > 0 && copy_to_user(p, a[0], mine, n * sizeof(mine[0])) != 0)
				return -EFAULT;
			return ready;
		}
		if (signal_pending(current_thread()))
			return -EINTR;
		clock_wait_until(&poll_waiters, deadline);
	}
}
