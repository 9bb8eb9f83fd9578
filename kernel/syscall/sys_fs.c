/*
 * sys_fs.c - file system calls (chapter 6):
 *   openat(dirfd, path, flags, mode)  close(fd)  read(fd, buf, n)
 *   write(fd, buf, n)  fstat(fd, st)  linkat(olddirfd, old, newdirfd, new, 0)
 *   unlinkat(dirfd, path, flags)  getdents64(fd, buf, n)
 *   mkdirat(dirfd, path, mode)  chdir(path)  getcwd(buf, n)
 * Paths are absolute or relative to the working directory; dirfd must be
 * AT_FDCWD (-100). As in rCore, O_CREATE on an existing file empties it.
 * Errors are negative errno values.
 */
#include "syscall/syscall.h"

#include "abi/stat.h"

#define CHUNK 2048

static struct file *fd_get(struct task *t, uint64_t fd)
{
	return fd < NOFILE ? t->files[fd] : NULL;
}

static int fd_alloc(struct task *t, struct file *f)
{
	for (int fd = 0; fd < NOFILE; fd++) {
		if (t->files[fd] == NULL) {
			t->files[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

/* Copy a user path and make it absolute; 0 or -errno. */
static int user_path(struct task *t, int64_t dirfd, uint64_t upath, char *abs)
{
	char path[PATH_MAX];
	long n = copy_str_from_user(t, path, upath, sizeof(path));
	if (n < 0)
		return n;
	if (n == 0)
		return -ENOENT;
	if (path[0] != '/' && dirfd != AT_FDCWD)
		return -EINVAL;
	return path_resolve(t->cwd_path, path, abs);
}

long sys_openat(struct task *t, const uint64_t a[6])
{
	char abs[PATH_MAX], name[NAME_MAX + 1];
	int flags = (int)a[2], err = user_path(t, (int64_t)a[0], a[1], abs);
	if (err != 0)
		return err;
	struct inode *ip = namei(NULL, abs, &err);
	if (ip == NULL && err == -ENOENT && (flags & O_CREATE)) {
		struct inode *dir = namei_parent(NULL, abs, name, &err);
		if (dir == NULL)
			return err;
		ip = dir->fs->ops->create(dir, name, INODE_FILE, &err);
		iput(dir);
	} else if (ip != NULL && ip->type == INODE_FILE && (flags & (O_CREATE | O_TRUNC))) {
		err = ip->fs->ops->truncate(ip);
		if (err != 0) {
			iput(ip);
			return err;
		}
	}
	if (ip == NULL)
		return err;
	if (ip->type == INODE_DIR && (flags & 3) != O_RDONLY) {
		iput(ip);
		return -EISDIR;
	}
	struct file *f = file_open(ip, flags & 3);
	if (f == NULL) {
		iput(ip);
		return -ENFILE;
	}
	int fd = fd_alloc(t, f);
	if (fd < 0)
		file_close(f);
	return fd;
}

long sys_close(struct task *t, const uint64_t a[6])
{
	struct file *f = fd_get(t, a[0]);
	if (f == NULL)
		return -EBADF;
	t->files[a[0]] = NULL;
	file_close(f);
	return 0;
}

long sys_read(struct task *t, const uint64_t a[6])
{
	struct file *f = fd_get(t, a[0]);
	uint64_t va = a[1], len = a[2], done = 0;
	char buf[CHUNK];
	if (f == NULL)
		return -EBADF;
	if (check_user(t, va, len, true) != 0)
		return -EFAULT;
	while (done < len) {
		uint64_t n = len - done < CHUNK ? len - done : CHUNK;
		long r = file_read(f, buf, n);
		if (r < 0)
			return done > 0 ? (long)done : r;
		copy_to_user(t, va + done, buf, r);
		done += r;
		if ((uint64_t)r < n || f->kind == FILE_CONSOLE)
			break; /* end of file, or what the console had */
	}
	return done;
}

long sys_write(struct task *t, const uint64_t a[6])
{
	struct file *f = fd_get(t, a[0]);
	uint64_t va = a[1], len = a[2], done = 0;
	char buf[CHUNK];
	if (f == NULL)
		return -EBADF;
	if (check_user(t, va, len, false) != 0)
		return -EFAULT;
	while (done < len) {
		uint64_t n = len - done < CHUNK ? len - done : CHUNK;
		copy_from_user(t, buf, va + done, n);
		long r = file_write(f, buf, n);
		if (r < 0)
			return done > 0 ? (long)done : r;
		done += r;
		if ((uint64_t)r < n)
			break; /* the disk is full */
	}
	return done;
}

long sys_fstat(struct task *t, const uint64_t a[6])
{
	struct file *f = fd_get(t, a[0]);
	if (f == NULL)
		return -EBADF;
	struct stat st;
	memset(&st, 0, sizeof(st));
	if (f->kind == FILE_INODE) {
		uint64_t size;
		f->ip->fs->ops->stat(f->ip, &size, &st.nlink);
		st.ino = f->ip->ino;
		st.mode = f->ip->type == INODE_DIR ? S_IFDIR : S_IFREG;
	} else {
		st.nlink = 1; /* the console */
	}
	return copy_to_user(t, a[1], &st, sizeof(st));
}

long sys_linkat(struct task *t, const uint64_t a[6])
{
	char old[PATH_MAX], new[PATH_MAX], name[NAME_MAX + 1];
	int err = user_path(t, (int64_t)a[0], a[1], old);
	if (err == 0)
		err = user_path(t, (int64_t)a[2], a[3], new);
	if (err != 0)
		return err;
	struct inode *target = namei(NULL, old, &err);
	if (target == NULL)
		return err;
	struct inode *dir = namei_parent(NULL, new, name, &err);
	if (dir != NULL) {
		if (target->type == INODE_DIR)
			err = -EPERM;
		else if (dir->fs != target->fs)
			err = -EXDEV;
		else
			err = dir->fs->ops->link(dir, name, target);
		iput(dir);
	}
	iput(target);
	return err;
}

long sys_unlinkat(struct task *t, const uint64_t a[6])
{
	char abs[PATH_MAX], name[NAME_MAX + 1];
	int err = user_path(t, (int64_t)a[0], a[1], abs);
	if (err != 0)
		return err;
	struct inode *ip = namei(NULL, abs, &err);
	if (ip == NULL)
		return err;
	bool is_dir = ip->type == INODE_DIR;
	iput(ip);
	if (is_dir != ((a[2] & AT_REMOVEDIR) != 0))
		return is_dir ? -EISDIR : -ENOTDIR;
	struct inode *dir = namei_parent(NULL, abs, name, &err);
	if (dir == NULL)
		return err;
	err = dir->fs->ops->unlink(dir, name);
	iput(dir);
	return err;
}

long sys_mkdirat(struct task *t, const uint64_t a[6])
{
	char abs[PATH_MAX], name[NAME_MAX + 1];
	int err = user_path(t, (int64_t)a[0], a[1], abs);
	if (err != 0)
		return err;
	struct inode *dir = namei_parent(NULL, abs, name, &err);
	if (dir == NULL)
		return err;
	struct inode *old = dir->fs->ops->lookup(dir, name, &err);
	struct inode *ip = NULL;
	if (old != NULL) {
		iput(old);
		err = -EEXIST;
	} else {
		ip = dir->fs->ops->create(dir, name, INODE_DIR, &err);
	}
	iput(dir);
	iput(ip);
	return ip != NULL ? 0 : err;
}

long sys_chdir(struct task *t, const uint64_t a[6])
{
	char abs[PATH_MAX];
	int err = user_path(t, AT_FDCWD, a[0], abs);
	if (err != 0)
		return err;
	struct inode *ip = namei(NULL, abs, &err);
	if (ip == NULL)
		return err;
	bool dir = ip->type == INODE_DIR;
	iput(ip);
	if (!dir)
		return -ENOTDIR;
	strncpy_safe(t->cwd_path, abs, sizeof(t->cwd_path));
	return 0;
}

long sys_getcwd(struct task *t, const uint64_t a[6])
{
	uint64_t n = strlen(t->cwd_path) + 1;
	if (a[1] < n)
		return -ERANGE;
	if (copy_to_user(t, a[0], t->cwd_path, n) != 0)
		return -EFAULT;
	return n;
}

/* getdents64: Linux's struct linux_dirent64 records. */
struct dirents {
	struct task *t;
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
	if (copy_to_user(d->t, d->ubuf + d->used, rec, reclen) != 0)
		return -1;
	d->used += reclen;
	d->count++;
	return 0;
}

long sys_getdents64(struct task *t, const uint64_t a[6])
{
	struct file *f = fd_get(t, a[0]);
	if (f == NULL)
		return -EBADF;
	if (f->kind != FILE_INODE || f->ip->type != INODE_DIR)
		return -ENOTDIR;
	struct dirents d = {t, a[1], a[2], 0, 0, false};
	uint64_t pos = f->off;
	int err = f->ip->fs->ops->readdir(f->ip, &pos, put_dirent, &d);
	if (err < 0)
		return err;
	if (d.count == 0 && d.full)
		return -EINVAL; /* the buffer cannot hold even one entry */
	f->off = pos;
	return d.used;
}
