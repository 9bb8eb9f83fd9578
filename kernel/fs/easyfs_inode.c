/*
 * easyfs_inode.c - easy-fs disk inodes and file data: reading and writing
 * the 128-byte inodes, the block map (28 direct blocks, indirect1 and
 * indirect2), growing and shrinking files, and the read, write and
 * truncate ops.
 */
#include "fs/easyfs_internal.h"

/* ---- index blocks ---- */

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
	efs_log_write(e, b);
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
int efs_read_dinode(struct efs *e, uint32_t ino, struct efs_dinode *di)
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

int efs_write_dinode(struct efs *e, uint32_t ino, const struct efs_dinode *di)
{
	struct buf *b = efs_bread(e, inode_block(e, ino));
	if (b == NULL)
		return -EIO;
	memcpy(&b->data[inode_offset(ino)], di, sizeof(*di));
	efs_log_write(e, b);
	brelse(b);
	return 0;
}

/* ---- the block map ---- */

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
		if ((data = efs_alloc_block(e)) < 0)
			return data;
		di->direct[i] = data;
		return 0;
	}
	if (i < EFS_INDIRECT1_END) {
		if (i == EFS_NDIRECT) {
			if ((top = efs_alloc_block(e)) < 0)
				return top;
			di->indirect1 = top;
		}
		index = di->indirect1;
		slot = i - EFS_NDIRECT;
	} else {
		uint32_t j = i - EFS_INDIRECT1_END;
		if (j == 0) {
			if ((top = efs_alloc_block(e)) < 0)
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
			if ((mid = efs_alloc_block(e)) < 0) {
				err = mid;
				mid = 0;
				goto undo;
			}
			if ((err = index_set(e, di->indirect2, j / EFS_NINDIRECT, mid)) != 0) {
				efs_free_block(e, mid);
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
	if ((data = efs_alloc_block(e)) < 0) {
		err = data;
		goto undo;
	}
	if ((err = index_set(e, index, slot, data)) == 0)
		return 0;
	efs_free_block(e, data);
undo:
	if (mid) {
		index_set(e, di->indirect2, (i - EFS_INDIRECT1_END) / EFS_NINDIRECT, 0);
		efs_free_block(e, mid);
	}
	if (top) {
		efs_free_block(e, top);
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
	efs_log_write(e, b);
	brelse(b);
	for (uint32_t i = lo; i < hi; i++)
		efs_free_block(e, blocks[i]);
}

/* Cut a file from `have` data blocks to `keep`, freeing the index blocks
   no longer needed. The caller sets the size. */
static void shrink(struct efs *e, struct efs_dinode *di, uint32_t have, uint32_t keep)
{
	if (keep >= have)
		return;
	for (uint32_t i = keep; i < have && i < EFS_NDIRECT; i++) {
		efs_free_block(e, di->direct[i]);
		di->direct[i] = 0;
	}
	if (have > EFS_NDIRECT) {
		uint32_t lo = (keep > EFS_NDIRECT ? keep : EFS_NDIRECT) - EFS_NDIRECT;
		uint32_t hi = (have < EFS_INDIRECT1_END ? have : EFS_INDIRECT1_END) - EFS_NDIRECT;
		if (lo < hi)
			free_index_range(e, di->indirect1, lo, hi);
		if (keep <= EFS_NDIRECT) {
			efs_free_block(e, di->indirect1);
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
				efs_free_block(e, mid);
				index_set(e, di->indirect2, k, 0);
			}
		}
		if (keep <= EFS_INDIRECT1_END) {
			efs_free_block(e, di->indirect2);
			di->indirect2 = 0;
		}
	}
}

/* Set the size of inode `ino` to `size` (smaller than now) and write it. */
int efs_cut(struct efs *e, uint32_t ino, struct efs_dinode *di, uint32_t size)
{
	shrink(e, di, efs_data_blocks(di->size), efs_data_blocks(size));
	di->size = size;
	return efs_write_dinode(e, ino, di);
}

#define CUT_STEP 16 /* data blocks freed by one step of a large cut */

/* Cut a file to a block boundary CUT_STEP data blocks at a time, while
   it has more than CUT_STEP blocks beyond `size`: each step leaves the
   file system consistent (efs_op_split between them), so a large file is
   cut over several log ops, and a crash may leave it cut part of the way. */
int efs_cut_most(struct efs *e, uint32_t ino, struct efs_dinode *di, uint32_t size)
{
	uint32_t keep = efs_data_blocks(size), have;
	while ((have = efs_data_blocks(di->size)) > keep + CUT_STEP) {
		int err = efs_cut(e, ino, di, (have - CUT_STEP) * EFS_BSIZE);
		if (err != 0)
			return err;
		efs_op_split(e);
	}
	return 0;
}

/* efs_cut, in steps (efs_cut_most) if the cut is large. */
int efs_cut_steps(struct efs *e, uint32_t ino, struct efs_dinode *di, uint32_t size)
{
	int err = efs_cut_most(e, ino, di, size);
	return err != 0 ? err : efs_cut(e, ino, di, size);
}

/* ---- reading and writing ---- */

/* Read up to n bytes at off; the number read, or -EIO if none. */
long efs_read_at(struct efs *e, const struct efs_dinode *di, uint64_t off, void *dst, uint64_t n)
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
long efs_write_at(struct efs *e, uint32_t ino, struct efs_dinode *di, uint64_t off, const void *src,
		  uint64_t n)
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
			efs_write_dinode(e, ino, di);
			return err;
		}
		n = size - off;
		di->size = size;
		if (efs_write_dinode(e, ino, di) != 0)
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
		efs_log_write(e, b);
		brelse(b);
		done += len;
	}
	return done;
}

/* Free inode `ino` and everything it holds. */
void efs_free_inode(struct efs *e, uint32_t ino)
{
	efs_forget_names(e, ino);
	struct efs_dinode di;
	if (efs_read_dinode(e, ino, &di) == 0)
		efs_cut_steps(e, ino, &di, 0);
	memset(&di, 0, sizeof(di));
	efs_write_dinode(e, ino, &di);
	efs_bitmap_free(e, e->inode_bitmap_start, ino, &e->inode_hint);
}

/* ---- the ops ---- */

long efs_read(struct inode *ip, uint64_t off, void *buf, uint64_t n)
{
	struct efs_dinode di;
	int err = efs_read_dinode(efs_of(ip), ip->ino, &di);
	if (err != 0)
		return err;
	if (di.type == EFS_TYPE_DIR)
		return -EISDIR;
	return efs_read_at(efs_of(ip), &di, off, buf, n);
}

#define WRITE_STEP 4096 /* bytes written by one step of a large write */

/* A write in steps of at most WRITE_STEP bytes, each a log op of its own
   (efs_op_split between): a crash may keep the first steps of a large
   write. The system call writes 2 KiB at a time, one step. */
long efs_write(struct inode *ip, uint64_t off, const void *buf, uint64_t n)
{
	struct efs *e = efs_of(ip);
	struct efs_dinode di;
	uint64_t done = 0;
	efs_begin_op(e);
	long r = efs_read_dinode(e, ip->ino, &di);
	if (r == 0 && di.type == EFS_TYPE_DIR)
		r = -EISDIR;
	while (r == 0 && done < n) {
		uint64_t k = n - done < WRITE_STEP ? n - done : WRITE_STEP;
		long w = efs_write_at(e, ip->ino, &di, off + done, (const char *)buf + done, k);
		if (w < 0)
			r = w;
		else
			done += w;
		if (w < (long)k)
			break;
		efs_op_split(e);
	}
	efs_end_op(e);
	return done > 0 ? (long)done : r;
}

int efs_truncate(struct inode *ip)
{
	struct efs *e = efs_of(ip);
	struct efs_dinode di;
	efs_begin_op(e);
	int err = efs_read_dinode(e, ip->ino, &di);
	if (err == 0 && di.type == EFS_TYPE_DIR)
		err = -EISDIR;
	if (err == 0)
		err = efs_cut_steps(e, ip->ino, &di, 0);
	efs_end_op(e);
	return err;
}
