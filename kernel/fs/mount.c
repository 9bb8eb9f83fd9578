/*
 * mount.c - the root file system: mounted from the first block device,
 * whichever of our file systems it holds.
 */
#include "drivers/blk.h"
#include "fs/bcache.h"
#include "fs/vfs.h"

static struct fs *root_fs;
static struct blk_dev *root_dev;

int vfs_mount_root(void)
{
	struct blk_dev *d = blk_get(0);
	if (d == NULL) {
		error("vfs: no disk found: no root file system");
		return -1;
	}
	root_fs = easyfs_mount(d);
	if (root_fs == NULL)
		root_fs = fat32_mount(d);
	if (root_fs == NULL) {
		error("vfs: %s holds neither easy-fs nor FAT32: no root file system", d->name);
		return -1;
	}
	root_dev = d;
	info("vfs: root is %s on %s", root_fs->type, d->name);
	return 0;
}

struct inode *vfs_root(void)
{
	return root_fs != NULL ? root_fs->ops->root(root_fs) : NULL;
}

void vfs_sync(void)
{
	if (root_fs != NULL) {
		fs_lock();
		root_fs->ops->sync(root_fs);
		bcache_sync(root_dev);
		fs_unlock();
	}
}

int vfs_drop_caches(void)
{
	if (root_fs == NULL)
		return 0;
	fs_lock();
	root_fs->ops->sync(root_fs);
	if (root_fs->ops->checkpoint != NULL && root_fs->ops->checkpoint(root_fs) != 0) {
		fs_unlock();
		return -1;
	}
	int dropped = bcache_drop(root_dev);
	fs_unlock();
	return dropped;
}
