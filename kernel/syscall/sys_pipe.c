/*
 * sys_pipe.c - descriptor calls of chapter 7:
 *   pipe(fds)   make a pipe (ipc/pipe.c); fds points at two 8-byte slots
 *               (rCore's layout): the read end's descriptor goes in the
 *               first, the write end's in the second. They are the lowest
 *               free descriptor and the next free one. 0; -EFAULT if fds
 *               is not writable, -EMFILE if the table has no two free
 *               descriptors, -ENFILE or -ENOMEM: then no descriptor and no
 *               open file is taken.
 *   dup(fd)     the lowest free descriptor, on the same open file as fd
 *               (so the two share the offset); -EBADF, -EMFILE.
 */
#include "syscall/syscall.h"
#include "ipc/pipe.h"

long sys_pipe(struct proc *p, const uint64_t a[6])
{
	uint64_t ufds = a[0];
	if (check_user(p, ufds, 2 * sizeof(uint64_t), true) != 0)
		return -EFAULT;
	int rfd = fd_free(p);
	if (rfd < 0)
		return rfd;
	int wfd = -EMFILE;
	for (int fd = rfd + 1; fd < NOFILE; fd++)
		if (p->files[fd] == NULL) {
			wfd = fd;
			break;
		}
	if (wfd < 0)
		return wfd;
	struct file *rd, *wr;
	int err = pipe_open(&rd, &wr);
	if (err != 0)
		return err;
	uint64_t fds[2] = {rfd, wfd};
	if (copy_to_user(p, ufds, fds, sizeof(fds)) != 0) { /* checked above: cannot happen */
		file_close(rd);
		file_close(wr);
		return -EFAULT;
	}
	p->files[rfd] = rd;
	p->files[wfd] = wr;
	return 0;
}

long sys_dup(struct proc *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, a[0]);
	if (f == NULL)
		return -EBADF;
	int fd = fd_free(p);
	if (fd < 0)
		return fd;
	p->files[fd] = file_dup(f);
	return fd;
}
