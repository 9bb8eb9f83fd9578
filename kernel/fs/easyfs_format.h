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
