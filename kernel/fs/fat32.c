/*
 * fat32.c - the FAT32 file system, with long file names, over the block cache.
 *
 * A file or directory is a chain of clusters linked through the FAT; its
 * 32-byte directory entry holds the first cluster and (files) the size.
 * Names that are not plain 8.3 get long-name entries just before the short
 * entry, and a generated 8.3 alias ("LONGNA~1.TXT"). Lookup ignores case
 * (ASCII letters) and matches the long name or the alias, as FAT does.
 *
 * Inode numbers: where the file's short entry is on the disk, sector * 16 +
 * index in the sector: stable (entries never move) and unique. The root
 * directory has no entry: ROOT_INO. For a file, fs_priv remembers where the
 * last access was in its cluster chain (a cursor), so sequential I/O does
 * not walk the chain from its start each time.
 *
 * FAT has no hard links (link is -EPERM) and no inodes apart from entries.
 * A file removed while in use becomes an orphan: its entry goes at once,
 * its clusters when the last reference goes (release). Its first cluster
 * and size move into fs_priv and its number into a private range
 * (ORPHAN_INO), so the entry's slot can take a new file meanwhile.
 *
 * Every cluster number read from the disk is range-checked, and no walk
 * along a chain goes further than the number of clusters, so a corrupted
 * image gives -EIO and a message, never a hang or a panic. The FSInfo free
 * count is kept exact (counted at mount if the FSInfo does not know it) and
 * written to the cache after each change, so fsck.fat finds it right after
 * any bcache_sync().
 *
 * This file: mounting, the fs_ops table, and reading and writing files. The
 * other pieces (fat32_internal.h lists them): fat32_fat.c, the FAT;
 * fat32_dirent.c, directory entries; fat32_name.c, names; fat32_dir.c, the
 * directory operations.
 */
#include "fs/fat32_internal.h"

static struct fat32 volumes[MAX_BLK_DEVS];

/* ---- Reading and writing files ------------------------------------------ */

/* The cursor of a file (kept in fs_priv, except for orphans). */
static struct cursor cursor_load(struct inode *ip)
{
	struct cursor c = {0};
	if (!(ip->ino & ORPHAN_INO)) {
		c.index = (uint32_t)(ip->fs_priv >> 32);
		c.clus = (uint32_t)ip->fs_priv;
	}
	return c;
}

static void cursor_save(struct inode *ip, struct cursor c)
{
	if (!(ip->ino & ORPHAN_INO))
		ip->fs_priv = (uint64_t)c.index << 32 | c.clus;
}

static long fat_read(struct inode *ip, uint64_t off, void *buf, uint64_t n)
{
	struct fat32 *f = fat_of(ip);
	uint32_t first, size;
	uint64_t done = 0;
	int r;
	if (ip->type != INODE_FILE)
		return -EISDIR;
	r = fat_node_get(ip, &first, &size);
	if (r != 0 || off >= size)
		return r;
	if (n > size - off)
		n = size - off;
	struct cursor cur = cursor_load(ip);
	while (done < n) {
		uint64_t pos = off + done;
		uint32_t in = (uint32_t)(pos % f->clus_bytes), in_sector = in % BSIZE;
		uint64_t m = BSIZE - in_sector < n - done ? BSIZE - in_sector : n - done;
		r = fat_chain_seek(f, first, (uint32_t)(pos / f->clus_bytes), &cur, NO_GROW);
		if (r > 0) {
			error("fat32: %s: a file of %u bytes has fewer clusters", f->dev->name,
			      size);
			r = -EIO;
		}
		if (r < 0)
			break;
		struct buf *b = bread(f->dev, cluster_sector(f, cur.clus) + in / BSIZE);
		if (b == NULL) {
			r = -EIO;
			break;
		}
		memcpy((uint8_t *)buf + done, b->data + in_sector, m);
		brelse(b);
		done += m;
	}
	/* After an error the next call walks from the start again (a loop is
	   found again, not walked round from the middle). */
	cursor_save(ip, r < 0 ? (struct cursor){0} : cur);
	return done > 0 ? (long)done : r;
}

/* Write n bytes from src (zeros if NULL) at off, growing the file: the
   bytes written (*first and *size updated), or -errno if none were. */
static long write_range(struct inode *ip, uint32_t *first, uint32_t *size, uint64_t off,
			const uint8_t *src, uint64_t n)
{
	struct fat32 *f = fat_of(ip);
	struct cursor cur = cursor_load(ip);
	uint64_t done = 0;
	int r = 0;
	while (done < n) {
		uint64_t pos = off + done;
		uint32_t in = (uint32_t)(pos % f->clus_bytes), in_sector = in % BSIZE;
		uint64_t m = BSIZE - in_sector < n - done ? BSIZE - in_sector : n - done;
		if (*first == 0) {
			r = fat_alloc_cluster(f, 0, false, first);
			if (r != 0)
				break;
			cur.index = 0;
			cur.clus = *first;
		}
		r = fat_chain_seek(f, *first, (uint32_t)(pos / f->clus_bytes), &cur, GROW);
		if (r != 0)
			break;
		uint64_t sector = cluster_sector(f, cur.clus) + in / BSIZE;
		/* a whole sector is overwritten: no need to read it first */
		struct buf *b = m == BSIZE ? bget(f->dev, sector) : bread(f->dev, sector);
		if (b == NULL) {
			r = -EIO;
			break;
		}
		if (src != NULL)
			memcpy(b->data + in_sector, src + done, m);
		else
			memset(b->data + in_sector, 0, m);
		bdirty(b);
		brelse(b);
		done += m;
		if (pos + m > *size)
			*size = (uint32_t)(pos + m);
	}
	cursor_save(ip, r < 0 ? (struct cursor){0} : cur);
	return done > 0 ? (long)done : r;
}

static long fat_write(struct inode *ip, uint64_t off, const void *buf, uint64_t n)
{
	struct fat32 *f = fat_of(ip);
	uint32_t first, size, old_first, old_size;
	long r = 0;
	if (ip->type != INODE_FILE)
		return -EISDIR;
	if (n == 0)
		return 0;
	if (off >= MAX_FILE_SIZE)
		return -EFBIG;
	if (n > MAX_FILE_SIZE - off)
		n = MAX_FILE_SIZE - off;
	r = fat_node_get(ip, &first, &size);
	if (r != 0)
		return r;
	old_first = first;
	old_size = size;
	if (off > size) {
		/* FAT has no holes: fill the gap with zeros, if there is room. */
		uint64_t have = ((uint64_t)size + f->clus_bytes - 1) / f->clus_bytes;
		uint64_t need = (off + f->clus_bytes - 1) / f->clus_bytes;
		if (need - have > f->free_count)
			r = -ENOSPC;
		if (r == 0)
			r = write_range(ip, &first, &size, size, NULL, off - size);
		if (r > 0)
			r = size < off ? -ENOSPC : 0;
	}
	if (r == 0)
		r = write_range(ip, &first, &size, off, buf, n);
	if ((first != old_first || size != old_size) && fat_node_set(ip, first, size) != 0)
		r = -EIO;
	fat_fsinfo_flush(f);
	return r;
}

static int fat_truncate(struct inode *ip)
{
	struct fat32 *f = fat_of(ip);
	uint32_t first, size;
	int r;
	if (ip->type != INODE_FILE)
		return -EISDIR;
	r = fat_node_get(ip, &first, &size);
	if (r != 0 || (first == 0 && size == 0))
		return r;
	/* The entry lets go of the chain first: a crash between the two
	   leaves lost clusters, not an entry pointing at free ones. */
	r = fat_node_set(ip, 0, 0);
	cursor_save(ip, (struct cursor){0});
	if (r == 0 && first != 0)
		r = fat_free_chain(f, first);
	fat_fsinfo_flush(f);
	return r;
}

static void fat_stat(struct inode *ip, uint64_t *size, uint32_t *nlink)
{
	uint32_t first, bytes;
	*size = 0;
	*nlink = (ip->ino & ORPHAN_INO) ? 0 : 1;
	if (fat_node_get(ip, &first, &bytes) != 0)
		return;
	*size = ip->type == INODE_FILE ? bytes : fat_chain_bytes(fat_of(ip), first);
}

static void fat_release(struct inode *ip)
{
	struct fat32 *f = fat_of(ip);
	if ((ip->ino & ORPHAN_INO) && ip->type == INODE_FILE && (uint32_t)ip->fs_priv != 0) {
		fat_free_chain(f, (uint32_t)ip->fs_priv);
		fat_fsinfo_flush(f);
	}
}

static int fat_sync(struct fs *fs)
{
	struct fat32 *f = fs->priv;
	fat_fsinfo_flush(f);
	if (bcache_sync(f->dev) == 0)
		return 0;
	error("fat32: %s: writing back to the disk failed", f->dev->name);
	return -EIO;
}

static const struct fs_ops fat32_ops = {
    .root = fat_root,
    .lookup = fat_lookup,
    .create = fat_create,
    .link = fat_link,
    .unlink = fat_unlink,
    .read = fat_read,
    .write = fat_write,
    .truncate = fat_truncate,
    .stat = fat_stat,
    .readdir = fat_readdir,
    .release = fat_release,
    .sync = fat_sync,
};

/* ---- Mounting ----------------------------------------------------------- */

/* Check the boot sector and fill in f; false, with the reason said, if it
   is not a FAT32 volume this driver can use. */
static bool read_boot(struct fat32 *f, const uint8_t *bs, struct blk_dev *d)
{
	const char *dn = d->name;
	uint32_t bps = get16(bs + BPB_BYTES_PER_SEC), spc = bs[BPB_SEC_PER_CLUS];
	uint32_t rsvd = get16(bs + BPB_RSVD_SEC_CNT), nfats = bs[BPB_NUM_FATS];
	uint32_t total = get32(bs + BPB_TOT_SEC32), fatsz = get32(bs + BPB_FAT_SZ32);
	uint32_t flags = get16(bs + BPB_EXT_FLAGS);
	if (bs[BOOT_SIG] != 0x55 || bs[BOOT_SIG + 1] != 0xAA) {
		warn("fat32: %s: no boot sector signature 0x55AA: not a FAT volume", dn);
		return false;
	}
	if (bps != 512) {
		warn("fat32: %s: %u bytes per sector: only 512 is supported", dn, bps);
		return false;
	}
	if (spc == 0 || (spc & (spc - 1)) != 0) {
		warn("fat32: %s: %u sectors per cluster: not a power of two", dn, spc);
		return false;
	}
	if (get16(bs + BPB_ROOT_ENT_CNT) != 0 || get16(bs + BPB_FAT_SZ16) != 0 ||
	    get16(bs + BPB_TOT_SEC16) != 0 || fatsz == 0) {
		warn("fat32: %s: a FAT12/FAT16 layout, not FAT32", dn);
		return false;
	}
	if (get16(bs + BPB_FS_VER) != 0) {
		warn("fat32: %s: FAT32 version 0x%x: only 0 is known", dn, get16(bs + BPB_FS_VER));
		return false;
	}
	if (rsvd == 0 || nfats == 0 || nfats > 2) {
		warn("fat32: %s: %u reserved sectors, %u FATs: not a sane FAT32", dn, rsvd, nfats);
		return false;
	}
	if (total > d->nsectors) {
		warn("fat32: %s: the volume has %u sectors but the disk only %lu", dn, total,
		     d->nsectors);
		return false;
	}
	uint64_t data = rsvd + (uint64_t)nfats * fatsz;
	if (data >= total || (total - data) / spc == 0) {
		warn("fat32: %s: %u reserved sectors and %u FATs of %u sectors leave no room for "
		     "data in %u sectors",
		     dn, rsvd, nfats, fatsz, total);
		return false;
	}
	uint32_t nclusters = (uint32_t)((total - data) / spc);
	if (nclusters > FAT_MAX_CLUSTERS || (uint64_t)fatsz * (BSIZE / 4) < nclusters + 2ULL) {
		warn("fat32: %s: %u clusters do not fit a FAT of %u sectors", dn, nclusters, fatsz);
		return false;
	}
	if ((flags & 0x80) && (flags & 0xF) >= nfats) {
		warn("fat32: %s: the active FAT is number %u of %u", dn, flags & 0xF, nfats);
		return false;
	}
	f->dev = d;
	f->sec_per_clus = spc;
	f->clus_bytes = spc * BSIZE;
	f->fat_start = rsvd;
	f->fat_sectors = fatsz;
	f->nfats = nfats;
	f->mirror = !(flags & 0x80);
	f->active_fat = f->mirror ? 0 : flags & 0xF;
	f->data_start = (uint32_t)data;
	f->nclusters = nclusters;
	f->root_clus = get32(bs + BPB_ROOT_CLUS);
	if (!cluster_ok(f, f->root_clus)) {
		warn("fat32: %s: root directory at cluster %u, out of 2..%u", dn, f->root_clus,
		     nclusters + 1);
		return false;
	}
	f->fsinfo = get16(bs + BPB_FS_INFO);
	if (f->fsinfo == 0 || f->fsinfo >= rsvd)
		f->fsinfo = 0;
	return true;
}

struct fs *fat32_mount(struct blk_dev *d)
{
	struct fat32 *f = NULL;
	uint32_t next;
	for (int i = 0; i < MAX_BLK_DEVS && f == NULL; i++)
		if (!volumes[i].used)
			f = &volumes[i];
	if (f == NULL) {
		warn("fat32: %s: no room for another FAT32 volume", d->name);
		return NULL;
	}
	struct buf *b = d->nsectors > 0 ? bread(d, 0) : NULL;
	if (b == NULL) {
		warn("fat32: %s: cannot read the boot sector", d->name);
		return NULL;
	}
	memset(f, 0, sizeof(*f));
	fat_forget_dir(f, 0); /* what was kept of what was mounted here before */
	bool ok = read_boot(f, b->data, d);
	brelse(b);
	if (!ok)
		return NULL;
	if (fat_next(f, f->root_clus, &next) != 0) {
		warn("fat32: %s: the root directory's cluster chain is broken", d->name);
		return NULL;
	}
	if (fat_read_fsinfo(f) != 0) {
		warn("fat32: %s: cannot read the FAT", d->name);
		return NULL;
	}
	f->used = true;
	f->fs.type = "fat32";
	f->fs.ops = &fat32_ops;
	f->fs.priv = f;
	info("fat32: %s: %u clusters of %u bytes, %u free", d->name, f->nclusters, f->clus_bytes,
	     f->free_count);
	return &f->fs;
}
