/*
 * easyfs_format.h - the on-disk layout of easy-fs, shared by the kernel
 * driver (kernel/fs/easyfs*.c) and the host tools (fs-image/).
 *
 * The layout is rCore-Tutorial's easy-fs, so an image made by its
 * easy-fs-fuse mounts here and one made by mkfs-easyfs mounts there:
 *
 *   block 0                    super block
 *   1 .. IB                    inode bitmap (IB = inode_bitmap_blocks)
 *   then inode_area_blocks     inodes, 4 per block, inode n at
 *                              block 1 + IB + n / 4, byte (n % 4) * 128
 *   then data_bitmap_blocks    data bitmap
 *   then data_area_blocks      data; data bitmap bit n is the block
 *                              1 + IB + inode_area_blocks + DB + n
 *
 * Blocks are 512 bytes. All numbers are little-endian (every TeachOS
 * target is). A bitmap bit n is bit n % 8 of byte n / 8 of the bitmap
 * (rCore reads the same bits as 64-bit words). Allocation takes the
 * lowest free bit. Inode 0 is the root directory.
 *
 * A file of size S owns exactly efs_data_blocks(S) data blocks, plus the
 * index blocks they need (efs_total_blocks); nothing else. Blocks that are
 * free are kept zeroed, as rCore assumes.
 *
 * TeachOS adds a write-ahead log (kernel/fs/easyfs_log.c) after the file
 * system's total_blocks, where rCore looks at nothing: bytes 24.. of the
 * super block (zero in rCore's images) say where it is (struct
 * efs_log_super). Two log areas take turns, each a header block and
 * EFS_LOG_SLOTS blocks of copies; a header whose checksum matches its
 * copies is committed, and the committed header with the highest sequence
 * number is the one that counts (replayed at mount).
 *
 * A directory is an inode of type EFS_TYPE_DIR whose data is an array of
 * 32-byte entries, size / 32 of them, with no holes. rCore's root is
 * flat; TeachOS adds subdirectories, in the same format: no directory
 * stores "." or ".." (rCore's root has neither, and the kernel works them
 * out on the path), so every directory looks like rCore's root.
 */
#ifndef EASYFS_FORMAT_H
#define EASYFS_FORMAT_H

#include <stdint.h>

#define EFS_MAGIC 0x3b800001u
#define EFS_BSIZE 512
#define EFS_BITS_PER_BLOCK (EFS_BSIZE * 8)
#define EFS_INODES_PER_BLOCK 4
#define EFS_ROOT_INO 0

#define EFS_NDIRECT 28
#define EFS_NINDIRECT (EFS_BSIZE / 4) /* block numbers in an index block */
/* Data block indexes: [0, 28) direct, [28, 156) through indirect1, the
   rest through indirect2 (128 blocks of 128 block numbers). */
#define EFS_INDIRECT1_END (EFS_NDIRECT + EFS_NINDIRECT)
#define EFS_MAX_BLOCKS (EFS_INDIRECT1_END + EFS_NINDIRECT * EFS_NINDIRECT)
#define EFS_MAX_SIZE ((uint64_t)EFS_MAX_BLOCKS * EFS_BSIZE)

#define EFS_TYPE_FILE 0
#define EFS_TYPE_DIR 1

#define EFS_NAME_MAX 27 /* a name, without its NUL */

struct efs_super {
	uint32_t magic;
	uint32_t total_blocks;
	uint32_t inode_bitmap_blocks;
	uint32_t inode_area_blocks;
	uint32_t data_bitmap_blocks;
	uint32_t data_area_blocks;
};

/* The log, described at byte 24 of the super block (after struct efs_super). */
#define EFS_LOG_MAGIC 0x214c4f47u /* "GOL!" */
#define EFS_LOG_SLOTS 124	  /* blocks a header can name */
#define EFS_LOG_AREA (1 + EFS_LOG_SLOTS)
#define EFS_LOG_BLOCKS (2 * EFS_LOG_AREA) /* both areas */

struct efs_log_super {
	uint32_t magic;	 /* EFS_LOG_MAGIC, or 0: no log (an rCore image) */
	uint32_t start;	 /* first block of area 0 (== total_blocks) */
	uint32_t blocks; /* EFS_LOG_BLOCKS */
};

/* A log area's first block. Copy i (the block's contents) is at block
   area + 1 + i and goes to block home[i]. n == 0: nothing to replay. */
struct efs_log_header {
	uint32_t magic; /* EFS_LOG_MAGIC */
	uint32_t seq;	/* commits so far; the highest committed one counts */
	uint32_t n;	/* copies, at most EFS_LOG_SLOTS */
	uint32_t sum;	/* efs_log_sum of seq, n, home[0..n) and the copies */
	uint32_t home[EFS_LOG_SLOTS];
};

/* rCore keeps the type in one byte followed by three zero padding bytes;
   read as a 32-bit number it is the same 0 or 1. */
struct efs_dinode {
	uint32_t size;
	uint32_t direct[EFS_NDIRECT];
	uint32_t indirect1;
	uint32_t indirect2;
	uint32_t type;
};

struct efs_dirent {
	char name[EFS_NAME_MAX + 1]; /* NUL-terminated */
	uint32_t ino;
};

_Static_assert(sizeof(struct efs_super) == 24, "super block is 24 bytes");
_Static_assert(sizeof(struct efs_dinode) == 128, "an inode is 128 bytes");
_Static_assert(sizeof(struct efs_dirent) == 32, "a directory entry is 32 bytes");
_Static_assert(sizeof(struct efs_log_header) == EFS_BSIZE, "a log header is one block");

/* FNV-1a over n bytes, continuing from `h` (start with EFS_SUM_START). */
#define EFS_SUM_START 2166136261u
static inline uint32_t efs_sum(uint32_t h, const void *p, uint64_t n)
{
	const uint8_t *b = p;
	for (uint64_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

/* A header's checksum: seq, n, home[0..n), then the n copies, in order
   (`copies` holds them one block after the other). */
static inline uint32_t efs_log_sum(const struct efs_log_header *h, const void *copies)
{
	uint32_t s = efs_sum(EFS_SUM_START, &h->seq, 8);
	s = efs_sum(s, h->home, (uint64_t)h->n * 4);
	return efs_sum(s, copies, (uint64_t)h->n * EFS_BSIZE);
}

/* Data blocks of a file of `size` bytes. */
static inline uint32_t efs_data_blocks(uint64_t size)
{
	return (uint32_t)((size + EFS_BSIZE - 1) / EFS_BSIZE);
}

/* Index blocks (indirect1, indirect2 and the ones it points to) needed
   for `n` data blocks. */
static inline uint32_t efs_index_blocks(uint32_t n)
{
	uint32_t count = 0;
	if (n > EFS_NDIRECT)
		count++;
	if (n > EFS_INDIRECT1_END)
		count += 1 + (n - EFS_INDIRECT1_END + EFS_NINDIRECT - 1) / EFS_NINDIRECT;
	return count;
}

#endif
