/*
 * easyfs.c - the easy-fs driver: rCore-Tutorial's simple file system
 * (layout in easyfs_format.h) with subdirectories and hard links added.
 * This file mounts it and holds its fs_ops table; the rest is in
 *   easyfs_alloc.c   the inode and data bitmaps
 *   easyfs_inode.c   disk inodes, the block map, file read/write/truncate
 *   easyfs_dir.c     directories: lookup, create, link, unlink, readdir
 *   easyfs_log.c     the write-ahead log: each op all there after a crash
 *                    or not at all
 * which share easyfs_internal.h.
 *
 * Everything goes through the block cache; the in-memory struct inode
 * keeps only the inode number, so every op reads the 128-byte disk inode
 * afresh (it is almost always cached).
 *
 * Any number read from the disk (block numbers, sizes, inode numbers,
 * names) is checked before use: a bad one is reported and the op fails
 * with -EIO; nothing here panics on a corrupted image.
 */
#include "fs/easyfs_internal.h"

static struct efs mounts[MAX_BLK_DEVS];

/* ---- the ops (the rest are in easyfs_inode.c and easyfs_dir.c) ---- */

static struct inode *efs_root(struct fs *fs)
{
	return iget(fs, EFS_ROOT_INO, INODE_DIR, 0);
}

static void efs_release(struct inode *ip)
{
	struct efs *e = efs_of(ip);
	if (ip->fs_priv & EFS_ORPHAN) {
		efs_begin_op(e);
		efs_free_inode(e, ip->ino);
		efs_end_op(e);
	}
}

static int efs_checkpoint(struct fs *fs)
{
	return efs_log_checkpoint(fs->priv) == 0 ? 0 : -EIO;
}

static int efs_sync(struct fs *fs)
{
	return efs_log_commit(fs->priv);
}

static const struct fs_ops efs_ops = {
    .root = efs_root,
    .lookup = efs_lookup,
    .create = efs_create,
    .link = efs_link,
    .unlink = efs_unlink,
    .read = efs_read,
    .write = efs_write,
    .truncate = efs_truncate,
    .stat = efs_stat,
    .readdir = efs_readdir,
    .release = efs_release,
    .sync = efs_sync,
    .checkpoint = efs_checkpoint,
};

/* ---- mount ---- */

/* Is the super block consistent with itself and the device? */
static bool super_ok(struct blk_dev *d, const struct efs_super *sb)
{
	const char *why = NULL;
	uint64_t sum = 1 + (uint64_t)sb->inode_bitmap_blocks + sb->inode_area_blocks +
		       sb->data_bitmap_blocks + sb->data_area_blocks;
	if (sb->total_blocks > d->nsectors)
		why = "it is larger than the disk";
	else if (sb->inode_bitmap_blocks == 0 || sb->inode_area_blocks == 0 ||
		 sb->data_bitmap_blocks == 0 || sb->data_area_blocks == 0)
		why = "an area is empty";
	else if (sum != sb->total_blocks)
		why = "its areas do not add up to its size";
	else if ((uint64_t)sb->data_bitmap_blocks * EFS_BITS_PER_BLOCK < sb->data_area_blocks)
		why = "the data bitmap is too small for the data area";
	if (why == NULL)
		return true;
	error("easy-fs: %s: bad super block (%s): total %u, inode bitmap %u, inodes %u, "
	      "data bitmap %u, data %u; disk %lu blocks",
	      d->name, why, sb->total_blocks, sb->inode_bitmap_blocks, sb->inode_area_blocks,
	      sb->data_bitmap_blocks, sb->data_area_blocks, d->nsectors);
	return false;
}

struct fs *easyfs_mount(struct blk_dev *d)
{
	struct efs *e = NULL;
	struct efs_super sb;
	static uint8_t block0[EFS_BSIZE];
	struct buf *b = bread(d, 0);
	if (b == NULL)
		return NULL;
	memcpy(block0, b->data, EFS_BSIZE);
	memcpy(&sb, block0, sizeof(sb));
	brelse(b);
	if (sb.magic != EFS_MAGIC) {
		debug("easy-fs: %s: no easy-fs magic (%x)", d->name, sb.magic);
		return NULL;
	}
	if (!super_ok(d, &sb))
		return NULL;
	for (int i = 0; i < MAX_BLK_DEVS && e == NULL; i++)
		if (!mounts[i].used)
			e = &mounts[i];
	if (e == NULL) {
		error("easy-fs: %s: too many mounted", d->name);
		return NULL;
	}
	memset(e, 0, sizeof(*e));
	dc_forget_fs(&e->fs); /* indexes of what was mounted here before */
	e->fs.type = "easy-fs";
	e->fs.ops = &efs_ops;
	e->fs.priv = e;
	e->dev = d;
	e->sb = sb;
	e->inode_bitmap_start = 1;
	e->inode_start = e->inode_bitmap_start + sb.inode_bitmap_blocks;
	e->data_bitmap_start = e->inode_start + sb.inode_area_blocks;
	e->data_start = e->data_bitmap_start + sb.data_bitmap_blocks;
	uint64_t ninodes = (uint64_t)sb.inode_bitmap_blocks * EFS_BITS_PER_BLOCK;
	if (ninodes > (uint64_t)sb.inode_area_blocks * EFS_INODES_PER_BLOCK)
		ninodes = (uint64_t)sb.inode_area_blocks * EFS_INODES_PER_BLOCK;
	e->ninodes = ninodes;
	if (efs_log_mount(e, block0) != 0)
		return NULL;

	struct efs_dinode root;
	if (efs_bitmap_test(e, e->inode_bitmap_start, EFS_ROOT_INO) != 1 ||
	    efs_read_dinode(e, EFS_ROOT_INO, &root) != 0 || root.type != EFS_TYPE_DIR) {
		error("easy-fs: %s: the root directory (inode 0) is missing or broken", d->name);
		return NULL;
	}
	e->used = true;
	info("easy-fs: %s: %u blocks, %u inodes, %u data blocks", d->name, sb.total_blocks,
	     e->ninodes, sb.data_area_blocks);
	return &e->fs;
}
