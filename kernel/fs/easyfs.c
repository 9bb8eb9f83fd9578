/*
 * easyfs.c - the easy-fs driver: rCore-Tutorial's simple file system
 * (layout in easyfs_format.h) with subdirectories and hard links added.
 *
 * Everything goes through the block cache; the in-memory struct inode
 * keeps only the inode number, so every op reads the 128-byte disk inode
 * afresh (it is almost always cached).
 *
 * Directories hold no "." or ".." entries (see easyfs_format.h). The VFS
 * resolves those on the path; lookup still answers them, finding a
 * directory's parent by a scan (a directory has exactly one name).
 *
 * Link counts are not on disk (the 128 bytes are full). A file's count is
 * the number of directory entries that name it, found by scanning every
 * directory; a directory's is 2 plus its subdirectories, as in Unix.
 * When unlink removes a file's last name, the file is freed at once if no
 * one has it open, otherwise it is marked an orphan (EFS_ORPHAN in
 * fs_priv) and freed by the release op when the last reference goes.
 *
 * Any number read from the disk (block numbers, sizes, inode numbers,
 * names) is checked before use: a bad one is reported and the op fails
 * with -EIO; nothing here panics on a corrupted image.
 */
#include "fs/vfs.h"
#include "fs/bcache.h"
#include "fs/easyfs_format.h"

#define EFS_ORPHAN 1 /* fs_priv: no name left; free on release */
#define DIRENT_SIZE ((uint32_t)sizeof(struct efs_dirent))
#define DIRENTS_PER_BLOCK (EFS_BSIZE / DIRENT_SIZE)

struct efs {
	struct fs fs;
	struct blk_dev *dev;
	struct efs_super sb;
	uint32_t inode_bitmap_start, inode_start, data_bitmap_start, data_start;
	uint32_t ninodes;		/* usable inode numbers */
	uint32_t inode_hint, data_hint; /* no free bit below these */
	bool used;
};

static struct efs mounts[MAX_BLK_DEVS];
static const struct fs_ops efs_ops;

static struct efs *efs_of(struct inode *ip)
{
	return ip->fs->priv;
}

/* ---- blocks and bitmaps ---- */

static struct buf *efs_bread(struct efs *e, uint32_t block)
{
	return bread(e->dev, block);
}

static bool data_block_ok(struct efs *e, uint32_t block)
{
	return block >= e->data_start && block < e->sb.total_blocks;
}

/* The lowest clear bit at or above *hint, set; or -ENOSPC / -EIO. */
static long bitmap_alloc(struct efs *e, uint32_t start, uint32_t nbits, uint32_t *hint)
{
	uint32_t n = *hint;
	while (n < nbits) {
		struct buf *b = efs_bread(e, start + n / EFS_BITS_PER_BLOCK);
		if (b == NULL)
			return -EIO;
		do {
			uint8_t *byte = &b->data[n % EFS_BITS_PER_BLOCK / 8];
			if (*byte == 0xff) {
				n = n - n % 8 + 8; /* skip a full byte */
				continue;
			}
			if (!(*byte & (1 << (n % 8)))) {
				*byte |= 1 << (n % 8);
				bdirty(b);
				brelse(b);
				*hint = n + 1;
				return n;
			}
			n++;
		} while (n < nbits && n % EFS_BITS_PER_BLOCK != 0);
		brelse(b);
	}
	*hint = nbits;
	return -ENOSPC;
}

/* Clear bit `n`; 0, or -1 if it was already clear (reported). */
static int bitmap_free(struct efs *e, uint32_t start, uint32_t n, uint32_t *hint)
{
	struct buf *b = efs_bread(e, start + n / EFS_BITS_PER_BLOCK);
	if (b == NULL)
		return -1;
	uint8_t *byte = &b->data[n % EFS_BITS_PER_BLOCK / 8];
	uint8_t mask = 1 << (n % 8);
	int ret = 0;
	if (*byte & mask) {
		*byte &= ~mask;
		bdirty(b);
		if (n < *hint)
			*hint = n;
	} else {
		error("easy-fs: %s: freeing bit %u twice (start block %u)", e->dev->name, n, start);
		ret = -1;
	}
	brelse(b);
	return ret;
}

/* 1 if bit `n` is set, 0 if not, -EIO. */
static int bitmap_test(struct efs *e, uint32_t start, uint32_t n)
{
	struct buf *b = efs_bread(e, start + n / EFS_BITS_PER_BLOCK);
	if (b == NULL)
		return -EIO;
	int set = (b->data[n % EFS_BITS_PER_BLOCK / 8] >> (n % 8)) & 1;
	brelse(b);
	return set;
}

static int zero_block(struct efs *e, uint32_t block)
{
	struct buf *b = bget(e->dev, block);
	if (b == NULL)
		return -EIO;
	memset(b->data, 0, EFS_BSIZE);
	bdirty(b);
	brelse(b);
	return 0;
}

/* A zeroed data block: its number (> 0), or -ENOSPC / -EIO. */
static long alloc_block(struct efs *e)
{
	long bit = bitmap_alloc(e, e->data_bitmap_start, e->sb.data_area_blocks, &e->data_hint);
	if (bit < 0)
		return bit;
	uint32_t block = e->data_start + (uint32_t)bit;
	if (zero_block(e, block) != 0) {
		bitmap_free(e, e->data_bitmap_start, (uint32_t)bit, &e->data_hint);
		return -EIO;
	}
	return block;
}

/* Free a data block, zeroing it (free blocks stay zero, as in rCore). */
static void free_block(struct efs *e, uint32_t block)
{
	if (!data_block_ok(e, block)) {
		error("easy-fs: %s: not freeing bad block number %u", e->dev->name, block);
		return;
	}
	zero_block(e, block);
	bitmap_free(e, e->data_bitmap_start, block - e->data_start, &e->data_hint);
}

/* Entry `i` of index block `block`, checked; 0 on error (reported). */
static uint32_t index_get(struct efs *e, uint32_t block, uint32_t i)
{
	if (!data_block_ok(e, block)) {
		error("easy-fs: %s: bad index block number %u", e->dev->name, block);
		return 0;
	}
	struct buf *b = efs_bread(e, block);
	if (b == NULL)
		return 0;
	uint32_t v;
	memcpy(&v, &b->data[i * 4], 4);
	brelse(b);
	if (!data_block_ok(e, v)) {
		error("easy-fs: %s: bad block number %u in index block %u", e->dev->name, v, block);
		return 0;
	}
	return v;
}

static int index_set(struct efs *e, uint32_t block, uint32_t i, uint32_t v)
{
	struct buf *b = efs_bread(e, block);
	if (b == NULL)
		return -EIO;
	memcpy(&b->data[i * 4], &v, 4);
	bdirty(b);
	brelse(b);
	return 0;
}

/* ---- disk inodes ---- */

static uint32_t inode_block(struct efs *e, uint32_t ino)
{
	return e->inode_start + ino / EFS_INODES_PER_BLOCK;
}

static uint32_t inode_offset(uint32_t ino)
{
	return ino % EFS_INODES_PER_BLOCK * sizeof(struct efs_dinode);
}

/* Read and check inode `ino`; 0 or -EIO (reported). */
static int read_dinode(struct efs *e, uint32_t ino, struct efs_dinode *di)
{
	if (ino >= e->ninodes) {
		error("easy-fs: %s: bad inode number %u", e->dev->name, ino);
		return -EIO;
	}
	struct buf *b = efs_bread(e, inode_block(e, ino));
	if (b == NULL)
		return -EIO;
	memcpy(di, &b->data[inode_offset(ino)], sizeof(*di));
	brelse(b);
	if (di->type != EFS_TYPE_FILE && di->type != EFS_TYPE_DIR) {
		error("easy-fs: %s: inode %u has bad type %u", e->dev->name, ino, di->type);
		return -EIO;
	}
	if (di->size > EFS_MAX_SIZE || (di->type == EFS_TYPE_DIR && di->size % DIRENT_SIZE)) {
		error("easy-fs: %s: inode %u has bad size %u", e->dev->name, ino, di->size);
		return -EIO;
	}
	return 0;
}

static int write_dinode(struct efs *e, uint32_t ino, const struct efs_dinode *di)
{
	struct buf *b = efs_bread(e, inode_block(e, ino));
	if (b == NULL)
		return -EIO;
	memcpy(&b->data[inode_offset(ino)], di, sizeof(*di));
	bdirty(b);
	brelse(b);
	return 0;
}

/* The disk block holding data block `i` of a file; 0 on error (reported). */
static uint32_t bmap(struct efs *e, const struct efs_dinode *di, uint32_t i)
{
	uint32_t block;
	if (i < EFS_NDIRECT) {
		block = di->direct[i];
		if (!data_block_ok(e, block)) {
			error("easy-fs: %s: bad block number %u in an inode", e->dev->name, block);
			return 0;
		}
		return block;
	}
	if (i < EFS_INDIRECT1_END)
		return index_get(e, di->indirect1, i - EFS_NDIRECT);
	i -= EFS_INDIRECT1_END;
	uint32_t mid = index_get(e, di->indirect2, i / EFS_NINDIRECT);
	return mid ? index_get(e, mid, i % EFS_NINDIRECT) : 0;
}

/* Attach a new data block as block `i` (== the number it has now), with
   the index blocks it needs. On failure nothing new is left allocated. */
static int grow_one(struct efs *e, struct efs_dinode *di, uint32_t i)
{
	long err, top = 0, mid = 0, data;
	uint32_t index, slot;
	if (i < EFS_NDIRECT) {
		if ((data = alloc_block(e)) < 0)
			return data;
		di->direct[i] = data;
		return 0;
	}
	if (i < EFS_INDIRECT1_END) {
		if (i == EFS_NDIRECT) {
			if ((top = alloc_block(e)) < 0)
				return top;
			di->indirect1 = top;
		}
		index = di->indirect1;
		slot = i - EFS_NDIRECT;
	} else {
		uint32_t j = i - EFS_INDIRECT1_END;
		if (j == 0) {
			if ((top = alloc_block(e)) < 0)
				return top;
			di->indirect2 = top;
		}
		if (j % EFS_NINDIRECT == 0) {
			if (!data_block_ok(e, di->indirect2)) {
				error("easy-fs: %s: bad index block number %u", e->dev->name,
				      di->indirect2);
				err = -EIO;
				goto undo;
			}
			if ((mid = alloc_block(e)) < 0) {
				err = mid;
				mid = 0;
				goto undo;
			}
			if ((err = index_set(e, di->indirect2, j / EFS_NINDIRECT, mid)) != 0) {
				free_block(e, mid);
				mid = 0;
				goto undo;
			}
			index = mid;
		} else {
			index = index_get(e, di->indirect2, j / EFS_NINDIRECT);
		}
		slot = j % EFS_NINDIRECT;
	}
	if (!data_block_ok(e, index)) {
		error("easy-fs: %s: bad index block number %u", e->dev->name, index);
		err = -EIO;
		goto undo;
	}
	if ((data = alloc_block(e)) < 0) {
		err = data;
		goto undo;
	}
	if ((err = index_set(e, index, slot, data)) == 0)
		return 0;
	free_block(e, data);
undo:
	if (mid) {
		index_set(e, di->indirect2, (i - EFS_INDIRECT1_END) / EFS_NINDIRECT, 0);
		free_block(e, mid);
	}
	if (top) {
		free_block(e, top);
		if (i < EFS_INDIRECT1_END)
			di->indirect1 = 0;
		else
			di->indirect2 = 0;
	}
	return err;
}

/* Free entries [lo, hi) of index block `index` and the blocks they name. */
static void free_index_range(struct efs *e, uint32_t index, uint32_t lo, uint32_t hi)
{
	uint32_t blocks[EFS_NINDIRECT];
	if (!data_block_ok(e, index)) {
		error("easy-fs: %s: not freeing through bad index block %u", e->dev->name, index);
		return;
	}
	struct buf *b = efs_bread(e, index);
	if (b == NULL)
		return;
	memcpy(blocks, b->data, EFS_BSIZE);
	memset(&b->data[lo * 4], 0, (hi - lo) * 4);
	bdirty(b);
	brelse(b);
	for (uint32_t i = lo; i < hi; i++)
		free_block(e, blocks[i]);
}

/* Cut a file from `have` data blocks to `keep`, freeing the index blocks
   no longer needed. The caller sets the size. */
static void shrink(struct efs *e, struct efs_dinode *di, uint32_t have, uint32_t keep)
{
	if (keep >= have)
		return;
	for (uint32_t i = keep; i < have && i < EFS_NDIRECT; i++) {
		free_block(e, di->direct[i]);
		di->direct[i] = 0;
	}
	if (have > EFS_NDIRECT) {
		uint32_t lo = (keep > EFS_NDIRECT ? keep : EFS_NDIRECT) - EFS_NDIRECT;
		uint32_t hi = (have < EFS_INDIRECT1_END ? have : EFS_INDIRECT1_END) - EFS_NDIRECT;
		if (lo < hi)
			free_index_range(e, di->indirect1, lo, hi);
		if (keep <= EFS_NDIRECT) {
			free_block(e, di->indirect1);
			di->indirect1 = 0;
		}
	}
	if (have > EFS_INDIRECT1_END) {
		uint32_t lo =
		    (keep > EFS_INDIRECT1_END ? keep : EFS_INDIRECT1_END) - EFS_INDIRECT1_END;
		uint32_t hi = have - EFS_INDIRECT1_END;
		for (uint32_t k = lo / EFS_NINDIRECT; k <= (hi - 1) / EFS_NINDIRECT; k++) {
			uint32_t first = k * EFS_NINDIRECT;
			uint32_t a = lo > first ? lo - first : 0;
			uint32_t z = hi < first + EFS_NINDIRECT ? hi - first : EFS_NINDIRECT;
			uint32_t mid = index_get(e, di->indirect2, k);
			if (mid == 0)
				continue;
			free_index_range(e, mid, a, z);
			if (a == 0) {
				free_block(e, mid);
				index_set(e, di->indirect2, k, 0);
			}
		}
		if (keep <= EFS_INDIRECT1_END) {
			free_block(e, di->indirect2);
			di->indirect2 = 0;
		}
	}
}

/* Set the size of inode `ino` to `size` (smaller than now) and write it. */
static int cut(struct efs *e, uint32_t ino, struct efs_dinode *di, uint32_t size)
{
	shrink(e, di, efs_data_blocks(di->size), efs_data_blocks(size));
	di->size = size;
	return write_dinode(e, ino, di);
}

static long read_at(struct efs *e, const struct efs_dinode *di, uint64_t off, void *dst, uint64_t n)
{
	if (off >= di->size)
		return 0;
	if (n > di->size - off)
		n = di->size - off;
	uint64_t done = 0;
	while (done < n) {
		uint32_t block = bmap(e, di, (off + done) / EFS_BSIZE);
		uint32_t at = (off + done) % EFS_BSIZE;
		uint64_t len = EFS_BSIZE - at < n - done ? EFS_BSIZE - at : n - done;
		struct buf *b = block ? efs_bread(e, block) : NULL;
		if (b == NULL)
			return done ? (long)done : -EIO;
		memcpy((char *)dst + done, &b->data[at], len);
		brelse(b);
		done += len;
	}
	return done;
}

/* Write n bytes at off, growing the file; the number written (less than n
   when the disk fills up), or -errno if none. The inode is written back. */
static long write_at(struct efs *e, uint32_t ino, struct efs_dinode *di, uint64_t off,
		     const void *src, uint64_t n)
{
	if (n == 0)
		return 0;
	if (off >= EFS_MAX_SIZE)
		return -EFBIG;
	if (n > EFS_MAX_SIZE - off)
		n = EFS_MAX_SIZE - off;
	if (off + n > di->size) {
		uint32_t have = efs_data_blocks(di->size), need = efs_data_blocks(off + n);
		uint32_t old = have;
		int err = 0;
		while (have < need && (err = grow_one(e, di, have)) == 0)
			have++;
		uint64_t size = off + n;
		if (have < need)
			size = (uint64_t)have * EFS_BSIZE;
		if (size <= off) {
			shrink(e, di, have, old);
			write_dinode(e, ino, di);
			return err;
		}
		n = size - off;
		di->size = size;
		if (write_dinode(e, ino, di) != 0)
			return -EIO;
	}
	uint64_t done = 0;
	while (done < n) {
		uint32_t block = bmap(e, di, (off + done) / EFS_BSIZE);
		uint32_t at = (off + done) % EFS_BSIZE;
		uint64_t len = EFS_BSIZE - at < n - done ? EFS_BSIZE - at : n - done;
		struct buf *b = NULL; /* a whole block needs no read first */
		if (block != 0)
			b = len == EFS_BSIZE ? bget(e->dev, block) : efs_bread(e, block);
		if (b == NULL)
			return done ? (long)done : -EIO;
		memcpy(&b->data[at], (const char *)src + done, len);
		bdirty(b);
		brelse(b);
		done += len;
	}
	return done;
}

/* Is inode `ino` marked in use? 0 or -EIO (reported) if not. */
static int check_allocated(struct efs *e, uint32_t ino)
{
	if (ino >= e->ninodes) {
		error("easy-fs: %s: bad inode number %u in a directory", e->dev->name, ino);
		return -EIO;
	}
	int set = bitmap_test(e, e->inode_bitmap_start, ino);
	if (set == 0)
		error("easy-fs: %s: a directory names inode %u, which is free", e->dev->name, ino);
	return set == 1 ? 0 : -EIO;
}

/* Free inode `ino` and everything it holds. */
static void free_inode(struct efs *e, uint32_t ino)
{
	struct efs_dinode di;
	if (read_dinode(e, ino, &di) == 0)
		shrink(e, &di, efs_data_blocks(di.size), 0);
	memset(&di, 0, sizeof(di));
	write_dinode(e, ino, &di);
	bitmap_free(e, e->inode_bitmap_start, ino, &e->inode_hint);
}

/* ---- directories ---- */

static bool name_ok(const struct efs_dirent *de)
{
	for (int i = 0; i <= EFS_NAME_MAX; i++)
		if (de->name[i] == '\0')
			return i > 0;
	return false;
}

/* Entry `i` of a directory; 0 or -EIO. */
static int dir_entry(struct efs *e, const struct efs_dinode *dir, uint32_t i, struct efs_dirent *de)
{
	if (read_at(e, dir, (uint64_t)i * DIRENT_SIZE, de, DIRENT_SIZE) != DIRENT_SIZE)
		return -EIO;
	if (!name_ok(de)) {
		error("easy-fs: %s: directory entry %u has a bad name", e->dev->name, i);
		return -EIO;
	}
	return 0;
}

/* Read the entries from number `i` to the end of their block into ents
   (room for DIRENTS_PER_BLOCK), checking names; how many, or -EIO. */
static long dir_chunk(struct efs *e, const struct efs_dinode *dir, uint32_t i,
		      struct efs_dirent *ents)
{
	uint32_t k = DIRENTS_PER_BLOCK - i % DIRENTS_PER_BLOCK;
	if (k > dir->size / DIRENT_SIZE - i)
		k = dir->size / DIRENT_SIZE - i;
	if (read_at(e, dir, (uint64_t)i * DIRENT_SIZE, ents, k * DIRENT_SIZE) != k * DIRENT_SIZE)
		return -EIO;
	for (uint32_t j = 0; j < k; j++) {
		if (!name_ok(&ents[j])) {
			error("easy-fs: %s: directory entry %u has a bad name", e->dev->name,
			      i + j);
			return -EIO;
		}
	}
	return k;
}

/* Find `name` in a directory: its index (and *ino), -ENOENT, or -EIO. */
static long dir_find(struct efs *e, const struct efs_dinode *dir, const char *name, uint32_t *ino)
{
	struct efs_dirent ents[DIRENTS_PER_BLOCK];
	long k;
	for (uint32_t i = 0; i < dir->size / DIRENT_SIZE; i += k) {
		if ((k = dir_chunk(e, dir, i, ents)) < 0)
			return k;
		for (long j = 0; j < k; j++) {
			if (strcmp(ents[j].name, name) == 0) {
				*ino = ents[j].ino;
				return i + j;
			}
		}
	}
	return -ENOENT;
}

static int dir_append(struct efs *e, uint32_t dino, struct efs_dinode *dir, const char *name,
		      uint32_t ino)
{
	struct efs_dirent de;
	memset(&de, 0, sizeof(de));
	strncpy_safe(de.name, name, sizeof(de.name));
	de.ino = ino;
	long n = write_at(e, dino, dir, dir->size, &de, DIRENT_SIZE);
	return n == DIRENT_SIZE ? 0 : n < 0 ? (int)n : -EIO;
}

/* Remove entry `i`: the last entry moves into its place. */
static int dir_remove(struct efs *e, uint32_t dino, struct efs_dinode *dir, uint32_t i)
{
	uint32_t last = dir->size / DIRENT_SIZE - 1;
	if (i != last) {
		struct efs_dirent de;
		if (dir_entry(e, dir, last, &de) != 0)
			return -EIO;
		if (write_at(e, dino, dir, (uint64_t)i * DIRENT_SIZE, &de, DIRENT_SIZE) !=
		    DIRENT_SIZE)
			return -EIO;
	}
	return cut(e, dino, dir, last * DIRENT_SIZE);
}

/* Entries naming `ino` in every directory; *where (if not NULL) gets the
   directory holding the last one found. */
static uint32_t count_names(struct efs *e, uint32_t ino, uint32_t *where)
{
	struct efs_dirent ents[DIRENTS_PER_BLOCK];
	uint32_t count = 0;
	uint8_t used = 0;
	for (uint32_t d = 0; d < e->ninodes; d++) {
		if (d % 8 == 0) { /* the next 8 bits of the inode bitmap */
			struct buf *b =
			    efs_bread(e, e->inode_bitmap_start + d / EFS_BITS_PER_BLOCK);
			if (b == NULL)
				return count;
			used = b->data[d % EFS_BITS_PER_BLOCK / 8];
			brelse(b);
		}
		struct efs_dinode dir;
		if (!(used & (1 << (d % 8))) || read_dinode(e, d, &dir) != 0 ||
		    dir.type != EFS_TYPE_DIR)
			continue;
		long k;
		for (uint32_t i = 0; i < dir.size / DIRENT_SIZE; i += k) {
			if ((k = dir_chunk(e, &dir, i, ents)) < 0)
				break;
			for (long j = 0; j < k; j++) {
				if (ents[j].ino == ino) {
					count++;
					if (where != NULL)
						*where = d;
				}
			}
		}
	}
	return count;
}

/* A name that may be added to a directory: 0 or -errno. */
static int new_name_ok(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EEXIST;
	if (len > EFS_NAME_MAX)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/')
			return -EINVAL;
	return 0;
}

static enum inode_type vfs_type(const struct efs_dinode *di)
{
	return di->type == EFS_TYPE_DIR ? INODE_DIR : INODE_FILE;
}

/* A new reference to inode `ino`, checked; NULL with *err. */
static struct inode *get_inode(struct efs *e, uint32_t ino, int *err)
{
	struct efs_dinode di;
	if ((*err = check_allocated(e, ino)) != 0 || (*err = read_dinode(e, ino, &di)) != 0)
		return NULL;
	struct inode *ip = iget(&e->fs, ino, vfs_type(&di), 0);
	if (ip == NULL)
		*err = -ENFILE;
	return ip;
}

/* ---- the ops ---- */

static struct inode *efs_root(struct fs *fs)
{
	return iget(fs, EFS_ROOT_INO, INODE_DIR, 0);
}

static struct inode *efs_lookup(struct inode *dir, const char *name, int *err)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode di;
	uint32_t ino;
	if (dir->type != INODE_DIR) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (strcmp(name, ".") == 0 || (strcmp(name, "..") == 0 && dir->ino == EFS_ROOT_INO))
		return idup(dir);
	if (strcmp(name, "..") == 0) {
		uint32_t parent;
		if (count_names(e, dir->ino, &parent) == 0) {
			*err = -ENOENT; /* a removed directory */
			return NULL;
		}
		return get_inode(e, parent, err);
	}
	if (strlen(name) > EFS_NAME_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	if ((*err = read_dinode(e, dir->ino, &di)) != 0)
		return NULL;
	long i = dir_find(e, &di, name, &ino);
	if (i < 0) {
		*err = i;
		return NULL;
	}
	return get_inode(e, ino, err);
}

static struct inode *efs_create(struct inode *dir, const char *name, enum inode_type type, int *err)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode parent, di;
	uint32_t other;
	if (dir->type != INODE_DIR) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (dir->fs_priv & EFS_ORPHAN) {
		*err = -ENOENT;
		return NULL;
	}
	if ((*err = new_name_ok(name)) != 0 || (*err = read_dinode(e, dir->ino, &parent)) != 0)
		return NULL;
	long found = dir_find(e, &parent, name, &other);
	if (found != -ENOENT) {
		*err = found >= 0 ? -EEXIST : (int)found;
		return NULL;
	}
	long ino = bitmap_alloc(e, e->inode_bitmap_start, e->ninodes, &e->inode_hint);
	if (ino < 0) {
		*err = ino;
		return NULL;
	}
	memset(&di, 0, sizeof(di));
	di.type = type == INODE_DIR ? EFS_TYPE_DIR : EFS_TYPE_FILE;
	*err = write_dinode(e, ino, &di);
	if (*err == 0)
		*err = dir_append(e, dir->ino, &parent, name, ino);
	if (*err != 0) {
		free_inode(e, ino);
		return NULL;
	}
	struct inode *ip = iget(&e->fs, ino, type, 0);
	if (ip == NULL)
		*err = -ENFILE;
	return ip;
}

static int efs_link(struct inode *dir, const char *name, struct inode *target)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode parent;
	uint32_t other;
	int err;
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (target->fs != dir->fs)
		return -EXDEV;
	if (target->type == INODE_DIR)
		return -EISDIR;
	if ((dir->fs_priv & EFS_ORPHAN) || (target->fs_priv & EFS_ORPHAN))
		return -ENOENT;
	if ((err = new_name_ok(name)) != 0 || (err = read_dinode(e, dir->ino, &parent)) != 0)
		return err;
	long found = dir_find(e, &parent, name, &other);
	if (found != -ENOENT)
		return found >= 0 ? -EEXIST : (int)found;
	return dir_append(e, dir->ino, &parent, name, target->ino);
}

static int efs_unlink(struct inode *dir, const char *name)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode parent, di;
	uint32_t ino;
	int err;
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EINVAL;
	if (strlen(name) > EFS_NAME_MAX)
		return -ENAMETOOLONG;
	if ((err = read_dinode(e, dir->ino, &parent)) != 0)
		return err;
	long i = dir_find(e, &parent, name, &ino);
	if (i < 0)
		return i;
	if ((err = check_allocated(e, ino)) != 0 || (err = read_dinode(e, ino, &di)) != 0)
		return err;
	if (di.type == EFS_TYPE_DIR && di.size != 0)
		return -ENOTEMPTY;
	if ((err = dir_remove(e, dir->ino, &parent, i)) != 0)
		return err;
	if (di.type == EFS_TYPE_FILE && count_names(e, ino, NULL) > 0)
		return 0;
	/* The last name went: free it now, or at the last iput if it is open. */
	struct inode *ip = iget(&e->fs, ino, vfs_type(&di), 0);
	if (ip == NULL) {
		free_inode(e, ino);
		return 0;
	}
	ip->fs_priv |= EFS_ORPHAN;
	iput(ip);
	return 0;
}

static long efs_read(struct inode *ip, uint64_t off, void *buf, uint64_t n)
{
	struct efs_dinode di;
	int err = read_dinode(efs_of(ip), ip->ino, &di);
	if (err != 0)
		return err;
	if (di.type == EFS_TYPE_DIR)
		return -EISDIR;
	return read_at(efs_of(ip), &di, off, buf, n);
}

static long efs_write(struct inode *ip, uint64_t off, const void *buf, uint64_t n)
{
	struct efs_dinode di;
	int err = read_dinode(efs_of(ip), ip->ino, &di);
	if (err != 0)
		return err;
	if (di.type == EFS_TYPE_DIR)
		return -EISDIR;
	return write_at(efs_of(ip), ip->ino, &di, off, buf, n);
}

static int efs_truncate(struct inode *ip)
{
	struct efs_dinode di;
	int err = read_dinode(efs_of(ip), ip->ino, &di);
	if (err != 0)
		return err;
	if (di.type == EFS_TYPE_DIR)
		return -EISDIR;
	return cut(efs_of(ip), ip->ino, &di, 0);
}

static void efs_stat(struct inode *ip, uint64_t *size, uint32_t *nlink)
{
	struct efs *e = efs_of(ip);
	struct efs_dinode di;
	*size = 0;
	*nlink = 0;
	if (read_dinode(e, ip->ino, &di) != 0)
		return;
	*size = di.size;
	if (ip->fs_priv & EFS_ORPHAN)
		return;
	if (di.type == EFS_TYPE_FILE) {
		*nlink = count_names(e, ip->ino, NULL);
		return;
	}
	/* A directory: its name, ".", and the ".." of each subdirectory. */
	struct efs_dirent ents[DIRENTS_PER_BLOCK];
	struct efs_dinode child;
	long k;
	*nlink = 2;
	for (uint32_t i = 0; i < di.size / DIRENT_SIZE; i += k) {
		if ((k = dir_chunk(e, &di, i, ents)) < 0)
			return;
		for (long j = 0; j < k; j++)
			if (read_dinode(e, ents[j].ino, &child) == 0 && child.type == EFS_TYPE_DIR)
				(*nlink)++;
	}
}

/* An entry is consumed (and *pos advanced past it) only when fn returns
   0; when fn returns non-zero the same entry comes first next time. */
static int efs_readdir(struct inode *dir, uint64_t *pos, dir_fn fn, void *arg)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode di, child;
	int err;
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if ((err = read_dinode(e, dir->ino, &di)) != 0)
		return err;
	for (; *pos < di.size / DIRENT_SIZE; ++*pos) {
		struct efs_dirent de;
		if ((err = dir_entry(e, &di, *pos, &de)) != 0)
			return err;
		if ((err = check_allocated(e, de.ino)) != 0 ||
		    (err = read_dinode(e, de.ino, &child)) != 0)
			return err;
		if (fn(arg, de.name, de.ino, vfs_type(&child)) != 0)
			break;
	}
	return 0;
}

static void efs_release(struct inode *ip)
{
	if (ip->fs_priv & EFS_ORPHAN)
		free_inode(efs_of(ip), ip->ino);
}

static void efs_sync(struct fs *fs)
{
	struct efs *e = fs->priv;
	bcache_sync(e->dev);
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
	struct buf *b = bread(d, 0);
	if (b == NULL)
		return NULL;
	memcpy(&sb, b->data, sizeof(sb));
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

	struct efs_dinode root;
	if (bitmap_test(e, e->inode_bitmap_start, EFS_ROOT_INO) != 1 ||
	    read_dinode(e, EFS_ROOT_INO, &root) != 0 || root.type != EFS_TYPE_DIR) {
		error("easy-fs: %s: the root directory (inode 0) is missing or broken", d->name);
		return NULL;
	}
	e->used = true;
	info("easy-fs: %s: %u blocks, %u inodes, %u data blocks", d->name, sb.total_blocks,
	     e->ninodes, sb.data_area_blocks);
	return &e->fs;
}
