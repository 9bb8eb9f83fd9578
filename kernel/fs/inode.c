/*
 * inode.c - the in-memory inode table shared by all file systems.
 *
 * A file system never hands out two struct inode for the same file: it
 * asks iget(), which finds the existing slot or fills a free one. The last
 * iput() tells the file system through its release op.
 */
#include "fs/vfs.h"

static struct inode inodes[NINODE];

struct inode *iget(struct fs *fs, uint64_t ino, enum inode_type type, uint64_t priv)
{
	struct inode *free = NULL;
	for (int i = 0; i < NINODE; i++) {
		struct inode *ip = &inodes[i];
		if (ip->refs > 0 && ip->fs == fs && ip->ino == ino) {
			ip->refs++;
			return ip;
		}
		if (ip->refs == 0 && free == NULL)
			free = ip;
	}
	if (free == NULL) {
		warn("vfs: the inode table (%d) is full", NINODE);
		return NULL;
	}
	free->fs = fs;
	free->ino = ino;
	free->type = type;
	free->fs_priv = priv;
	free->refs = 1;
	return free;
}

bool inode_room(void)
{
	for (int i = 0; i < NINODE; i++)
		if (inodes[i].refs == 0)
			return true;
	return false;
}

struct inode *idup(struct inode *ip)
{
	ip->refs++;
	return ip;
}

void iput(struct inode *ip)
{
	if (ip == NULL)
		return;
	if (ip->refs <= 0)
		panic("iput of a free inode");
	if (--ip->refs == 0 && ip->fs->ops->release != NULL)
		ip->fs->ops->release(ip);
}
