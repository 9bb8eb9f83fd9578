/*
 * sys_fs.c - file system calls (chapter 6):
 *   openat(dirfd, path, flags, mode)  close(fd)  read(fd, buf, n)
 *   write(fd, buf, n)  fstat(fd, st)  linkat(olddirfd, old, newdirfd, new, 0)
 *   unlinkat(dirfd, path, flags)  getdents64(fd, buf, n)
 *   mkdirat(dirfd, path, mode)  chdir(path)  getcwd(buf, n)
 * Paths are absolute or relative to the working directory; dirfd must be
 * AT_FDCWD (-100). As in rCore, O_CREATE on an existing file empties it.
 * Paths are walked by the file system (fs/path.c); what "." and ".." and a
 * trailing '/' mean for each call is said at the call.
 * Errors are negative errno values.
 */
#include "syscall/syscall.h"

#include "abi/stat.h"

#define CHUNK 2048

/* Copy a user path (absolute, or relative to the working directory);
   0 or -errno. */
static int user_path(struct proc *p, int64_t dirfd, uint64_t upath, char *path)
{
	long n = copy_str_from_user(p, path, upath, PATH_MAX);
	if (n < 0)
		return n;
	if (n == 0)
		return -ENOENT;
	if (path[0] != '/' && dirfd != AT_FDCWD)
		return -EINVAL;
	return 0;
}

static bool is_dot_name(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* openat. The descriptor and the open file are found first, so that a full
   table changes nothing (no file created or emptied). Linux's rules for
   directories: O_CREATE of "name/" is -EISDIR, as is opening a directory
   for writing or with O_CREATE; O_DIRECTORY on a file is -ENOTDIR. */
static long do_openat(struct proc *p, const uint64_t a[6])
{
	char path[PATH_MAX], name[NAME_MAX + 1];
	int flags = (int)a[2], err = user_path(p, (int64_t)a[0], a[1], path);
	if (err != 0)
		return err;
	int fd = fd_free(p);
	if (fd < 0)
		return fd;
	struct file *f = file_alloc();
	if (f == NULL)
		return -ENFILE;
	struct inode *ip = namei(p->cwd_path, path, &err);
	if (ip == NULL && err == -ENOENT && (flags & O_CREATE)) {
		bool slash;
		struct inode *dir = namei_parent(p->cwd_path, path, name, &slash, &err);
		if (dir != NULL) {
			if (slash)
				err = -EISDIR;
			else
				ip = dir->fs->ops->create(dir, name, INODE_FILE, &err);
			iput(dir);
		}
	} else if (ip != NULL && ip->type == INODE_DIR &&
		   ((flags & O_CREATE) || (flags & 3) != O_RDONLY)) {
		err = -EISDIR;
	} else if (ip != NULL && ip->type != INODE_DIR && (flags & O_DIRECTORY)) {
		err = -ENOTDIR;
	} else if (ip != NULL && ip->type == INODE_FILE && (flags & (O_CREATE | O_TRUNC))) {
		err = ip->fs->ops->truncate(ip);
	}
	if (ip == NULL || err != 0) {
		iput(ip);
		file_close(f);
		return err;
	}
	file_set(f, &inode_file_ops, ip, flags & 3);
	p->files[fd] = f;
	return fd;
}

long sys_close(struct proc *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, a[0]);
	if (f == NULL)
		return -EBADF;
	p->files[a[0]] = NULL;
	return file_close(f); /* -EIO if writing back failed; the descriptor is free anyway */
}

/* The loops of read and write. The caller holds a reference to `f`, so
   another thread closing the descriptor while this one sleeps in a pipe
   or the console cannot free the file under it. */
static long read_loop(struct proc *p, struct file *f, uint64_t va, uint64_t len)
{
	uint64_t done = 0;
	char buf[CHUNK];
	while (done < len) {
		uint64_t n = len - done < CHUNK ? len - done : CHUNK;
		long r = file_read(f, buf, n);
		if (r < 0)
			return done > 0 ? (long)done : r;
		if (copy_to_user(p, va + done, buf, r) != 0)
			return done > 0 ? (long)done : -EFAULT;
		done += r;
		if ((uint64_t)r < n || f->ops->stream)
			break; /* end of file, or what the stream had */
	}
	return done;
}

static long write_loop(struct proc *p, struct file *f, uint64_t va, uint64_t len)
{
	uint64_t done = 0;
	char buf[CHUNK];
	while (done < len) {
		uint64_t n = len - done < CHUNK ? len - done : CHUNK;
		if (copy_from_user(p, buf, va + done, n) != 0)
			return done > 0 ? (long)done : -EFAULT;
		long r = file_write(f, buf, n);
		if (r < 0)
			return done > 0 ? (long)done : r;
		done += r;
		if ((uint64_t)r < n)
			break; /* the disk is full */
	}
	return done;
}

long sys_read(struct proc *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, a[0]);
	if (f == NULL)
		return -EBADF;
	if (check_user(p, a[1], a[2], true) != 0)
		return -EFAULT;
	file_dup(f);
	long r = read_loop(p, f, a[1], a[2]);
	file_close(f);
	return r;
}

long sys_write(struct proc *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, a[0]);
	if (f == NULL)
		return -EBADF;
	if (check_user(p, a[1], a[2], false) != 0)
		return -EFAULT;
	file_dup(f);
	long r = write_loop(p, f, a[1], a[2]);
	file_close(f);
	return r;
}

long sys_fstat(struct proc *p, const uint64_t a[6])
{
	/* LAB 6 fstat: BEGIN */
	struct file *f = fd_get(p, a[0]);
	if (f == NULL)
		return -EBADF;
	struct stat st;
	memset(&st, 0, sizeof(st));
	file_stat(f, &st);
	return copy_to_user(p, a[1], &st, sizeof(st));
	/* LAB 6 fstat: STUB
	(void)p, (void)a;
	return -1;
	   LAB 6 fstat: END */
}

/* linkat. A new name ending in '/' would name a directory: -ENOTDIR. */
static long do_linkat(struct proc *p, const uint64_t a[6])
{
	/* LAB 6 linkat: BEGIN */
	char old[PATH_MAX], new[PATH_MAX], name[NAME_MAX + 1];
	bool slash;
	int err = user_path(p, (int64_t)a[0], a[1], old);
	if (err == 0)
		err = user_path(p, (int64_t)a[2], a[3], new);
	if (err != 0)
		return err;
	struct inode *target = namei(p->cwd_path, old, &err);
	if (target == NULL)
		return err;
	struct inode *dir = namei_parent(p->cwd_path, new, name, &slash, &err);
	if (dir != NULL) {
		if (target->type == INODE_DIR)
			err = -EPERM;
		else if (is_dot_name(name))
			err = -EEXIST;
		else if (slash)
			err = -ENOTDIR;
		else if (dir->fs != target->fs)
			err = -EXDEV;
		else
			err = dir->fs->ops->link(dir, name, target);
		iput(dir);
	}
	iput(target);
	return err;
	/* LAB 6 linkat: STUB
	(void)p, (void)a;
	return -1;
	   LAB 6 linkat: END */
}

/* unlinkat, and rmdir (AT_REMOVEDIR). As in Linux: rmdir of a path ending
   in "." is -EINVAL and in ".." -ENOTEMPTY; unlink of either is -EISDIR;
   a file named with a trailing '/' is -ENOTDIR. */
static long do_unlinkat(struct proc *p, const uint64_t a[6])
{
	char path[PATH_MAX], name[NAME_MAX + 1];
	bool slash, rmdir = (a[2] & AT_REMOVEDIR) != 0;
	int err = user_path(p, (int64_t)a[0], a[1], path);
	if (err != 0)
		return err;
	if (a[2] & ~(uint64_t)AT_REMOVEDIR)
		return -EINVAL;
	struct inode *dir = namei_parent(p->cwd_path, path, name, &slash, &err);
	if (dir == NULL)
		return err;
	if (strcmp(name, ".") == 0) {
		err = rmdir ? -EINVAL : -EISDIR;
	} else if (strcmp(name, "..") == 0) {
		err = rmdir ? -ENOTEMPTY : -EISDIR;
	} else {
		struct inode *ip = dir->fs->ops->lookup(dir, name, &err);
		if (ip != NULL) {
			bool is_dir = ip->type == INODE_DIR;
			iput(ip);
			if (is_dir != rmdir)
				err = is_dir ? -EISDIR : -ENOTDIR;
			else if (slash && !is_dir)
				err = -ENOTDIR;
			else if (is_dir)
				err = dir->fs->ops->unlink(dir, name); /* rmdir */
			else
				/* LAB 6 unlinkat: BEGIN */
				err = dir->fs->ops->unlink(dir, name);
			/* LAB 6 unlinkat: STUB
				err = -1;
			   LAB 6 unlinkat: END */
		}
	}
	iput(dir);
	return err;
}

/* mkdirat: "a/b/" is fine (it is a directory); "." and ".." exist. */
static long do_mkdirat(struct proc *p, const uint64_t a[6])
{
	char path[PATH_MAX], name[NAME_MAX + 1];
	bool slash;
	int err = user_path(p, (int64_t)a[0], a[1], path);
	if (err != 0)
		return err;
	struct inode *dir = namei_parent(p->cwd_path, path, name, &slash, &err);
	if (dir == NULL)
		return err;
	struct inode *ip = NULL;
	if (is_dot_name(name)) {
		err = -EEXIST;
	} else {
		struct inode *old = dir->fs->ops->lookup(dir, name, &err);
		if (old != NULL) {
			iput(old);
			err = -EEXIST;
		} else if (err == -ENOENT) {
			ip = dir->fs->ops->create(dir, name, INODE_DIR, &err);
		}
	}
	iput(dir);
	iput(ip);
	return ip != NULL ? 0 : err;
}

static long do_chdir(struct proc *p, const uint64_t a[6])
{
	char path[PATH_MAX], abs[PATH_MAX];
	int err = user_path(p, AT_FDCWD, a[0], path);
	if (err != 0)
		return err;
	struct inode *ip = namei_path(p->cwd_path, path, abs, &err);
	if (ip == NULL)
		return err;
	bool dir = ip->type == INODE_DIR;
	iput(ip);
	if (!dir)
		return -ENOTDIR;
	strncpy_safe(p->cwd_path, abs, sizeof(p->cwd_path));
	return 0;
}

long sys_getcwd(struct proc *p, const uint64_t a[6])
{
	uint64_t n = strlen(p->cwd_path) + 1;
	if (a[1] < n)
		return -ERANGE;
	if (copy_to_user(p, a[0], p->cwd_path, n) != 0)
		return -EFAULT;
	return n;
}

/* getdents64: Linux's struct linux_dirent64 records. */
struct dirents {
	struct proc *p;
	uint64_t ubuf, cap, used;
	int count;
	bool full;
};

static int put_dirent(void *arg, const char *name, uint64_t ino, enum inode_type type)
{
	struct dirents *d = arg;
	size_t namelen = strlen(name);
	size_t reclen = ROUND_UP(19 + namelen + 1, 8);
	if (d->used + reclen > d->cap) {
		d->full = true;
		return 1; /* stop before this entry */
	}
	uint8_t rec[19 + NAME_MAX + 1 + 8];
	memset(rec, 0, sizeof(rec));
	memcpy(rec, &ino, 8);
	uint64_t off = d->used + reclen;
	memcpy(rec + 8, &off, 8);
	uint16_t r = reclen;
	memcpy(rec + 16, &r, 2);
	rec[18] = type == INODE_DIR ? 4 : 8; /* DT_DIR, DT_REG */
	memcpy(rec + 19, name, namelen + 1);
	if (copy_to_user(d->p, d->ubuf + d->used, rec, reclen) != 0)
		return -EFAULT; /* the walk stops and says so */
	d->used += reclen;
	d->count++;
	return 0;
}

static long do_getdents64(struct proc *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, a[0]);
	if (f == NULL)
		return -EBADF;
	struct inode *dir = file_inode(f);
	if (dir == NULL || dir->type != INODE_DIR)
		return -ENOTDIR;
	if (check_user(p, a[1], a[2], true) != 0)
		return -EFAULT;
	struct dirents d = {p, a[1], a[2], 0, 0, false};
	uint64_t pos = f->off;
	int err = dir->fs->ops->readdir(dir, &pos, put_dirent, &d);
	f->off = pos; /* past the entries copied, even when an error came after */
	if (err < 0)
		return d.used > 0 ? (long)d.used : err;
	if (d.count == 0 && d.full)
		return -EINVAL; /* the buffer cannot hold even one entry */
	return d.used;
}

/* The path calls hold the file system lock (fslock.c) throughout. */
static long locked(long (*fn)(struct proc *, const uint64_t *), struct proc *p, const uint64_t a[6])
{
	fs_lock();
	long r = fn(p, a);
	fs_unlock();
	return r;
}

long sys_openat(struct proc *p, const uint64_t a[6])
{
	return locked(do_openat, p, a);
}

long sys_linkat(struct proc *p, const uint64_t a[6])
{
	return locked(do_linkat, p, a);
}

long sys_unlinkat(struct proc *p, const uint64_t a[6])
{
	return locked(do_unlinkat, p, a);
}

long sys_mkdirat(struct proc *p, const uint64_t a[6])
{
	return locked(do_mkdirat, p, a);
}

long sys_chdir(struct proc *p, const uint64_t a[6])
{
	return locked(do_chdir, p, a);
}

long sys_getdents64(struct proc *p, const uint64_t a[6])
{
	return locked(do_getdents64, p, a);
}
