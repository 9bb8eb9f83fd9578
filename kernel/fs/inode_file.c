/*
 * inode_file.c - the file kind of files and directories of a file system:
 * reads and writes go to the inode's file system at the file's offset;
 * closing the last reference of a file open for writing writes the file
 * system back. Directories are read with getdents64, not read. Each
 * holds the file system lock (fslock.c): reads shared, so that two
 * readers wait for the disk together.
 */
#include "task/task.h"
#include "abi/stat.h"

static long inode_read(struct file *f, void *buf, uint64_t n)
{
	struct inode *ip = f->priv;
	if (ip->type == INODE_DIR)
		return -EISDIR;
	fs_lock_shared();
	long r = ip->fs->ops->read(ip, f->off, buf, n);
	if (r > 0)
		f->off += r;
	fs_unlock_shared();
	return r;
}

static long inode_write(struct file *f, const void *buf, uint64_t n)
{
	struct inode *ip = f->priv;
	fs_lock();
	long r = ip->fs->ops->write(ip, f->off, buf, n);
	if (r > 0)
		f->off += r;
	fs_unlock();
	return r;
}

static void inode_stat(struct file *f, struct stat *st)
{
	struct inode *ip = f->priv;
	uint64_t size;
	fs_lock(); /* not shared: easy-fs learns link counts on the way */
	ip->fs->ops->stat(ip, &size, &st->nlink);
	fs_unlock();
	st->ino = ip->ino;
	st->mode = ip->type == INODE_DIR ? S_IFDIR : S_IFREG;
}

static int inode_close(struct file *f)
{
	struct inode *ip = f->priv;
	int err = 0;
	fs_lock();
	if ((f->flags & 3) != O_RDONLY)
		err = ip->fs->ops->sync(ip->fs);
	iput(ip);
	fs_unlock();
	return err;
}

const struct file_ops inode_file_ops = {
    .read = inode_read,
    .write = inode_write,
    .stat = inode_stat,
    .close = inode_close,
    .stream = false,
};

struct inode *file_inode(struct file *f)
{
	return f->ops == &inode_file_ops ? f->priv : NULL;
}
