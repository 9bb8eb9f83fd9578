/*
 * easyfs_alloc.c - easy-fs allocation: the inode bitmap and the data
 * bitmap, and the data blocks they hand out.
 *
 * Allocation takes the lowest free bit, searching up from a hint below
 * which no bit is free. Free data blocks are kept zeroed, as rCore assumes.
 * With the log, a data block freed since the last commit is skipped (a
 * committed file still reaches it) unless nothing else is free, and it is
 * zeroed after the commit (easyfs_log.c, "ordered data").
 */
#include "fs/easyfs_internal.h"

/* The lowest clear bit at or above *hint that is not set in `skip` (if
   not NULL), set; or -ENOSPC / -EIO. */
long efs_bitmap_alloc(struct efs *e, uint32_t start, uint32_t nbits, uint32_t *hint,
		      const uint8_t *skip)
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
			if (!(*byte & (1 << (n % 8))) &&
			    (skip == NULL || !(skip[n / 8] & (1 << (n % 8))))) {
				*byte |= 1 << (n % 8);
				efs_log_write(e, b);
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
int efs_bitmap_free(struct efs *e, uint32_t start, uint32_t n, uint32_t *hint)
{
	struct buf *b = efs_bread(e, start + n / EFS_BITS_PER_BLOCK);
	if (b == NULL)
		return -1;
	uint8_t *byte = &b->data[n % EFS_BITS_PER_BLOCK / 8];
	uint8_t mask = 1 << (n % 8);
	int ret = 0;
	if (*byte & mask) {
		*byte &= ~mask;
		efs_log_write(e, b);
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
int efs_bitmap_test(struct efs *e, uint32_t start, uint32_t n)
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
	efs_log_write(e, b);
	brelse(b);
	return 0;
}

/* A zeroed data block: its number (> 0), or -ENOSPC / -EIO. */
long efs_alloc_block(struct efs *e)
{
	uint32_t nbits = e->sb.data_area_blocks;
	long bit = efs_bitmap_alloc(e, e->data_bitmap_start, nbits, &e->data_hint, e->freed);
	if (bit == -ENOSPC && e->freed_hi > 0) {
		/* Only blocks freed since the commit are left: take one; its
		   writes are logged like any block a committed file reaches. */
		uint32_t hint = e->freed_lo;
		bit = efs_bitmap_alloc(e, e->data_bitmap_start, nbits, &hint, NULL);
	}
	if (bit < 0)
		return bit;
	efs_log_allocated(e, (uint32_t)bit);
	uint32_t block = e->data_start + (uint32_t)bit;
	if (zero_block(e, block) != 0) {
		efs_bitmap_free(e, e->data_bitmap_start, (uint32_t)bit, &e->data_hint);
		return -EIO;
	}
	return block;
}

/* Free a data block, zeroing it (free blocks stay zero, as in rCore). */
void efs_free_block(struct efs *e, uint32_t block)
{
	if (!data_block_ok(e, block)) {
		error("easy-fs: %s: not freeing bad block number %u", e->dev->name, block);
		return;
	}
	uint32_t bit = block - e->data_start;
	if (!efs_log_free_later(e, bit))
		zero_block(e, block);
	efs_bitmap_free(e, e->data_bitmap_start, bit, &e->data_hint);
}

/* Is inode `ino` marked in use? 0 or -EIO (reported) if not. */
int efs_check_allocated(struct efs *e, uint32_t ino)
{
	if (ino >= e->ninodes) {
		error("easy-fs: %s: bad inode number %u in a directory", e->dev->name, ino);
		return -EIO;
	}
	int set = efs_bitmap_test(e, e->inode_bitmap_start, ino);
	if (set == 0)
		error("easy-fs: %s: a directory names inode %u, which is free", e->dev->name, ino);
	return set == 1 ? 0 : -EIO;
}
