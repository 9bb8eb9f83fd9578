/*
 * efs_image.h - an easy-fs image held in memory, for the host tools
 * (mkfs-easyfs, fsck-easyfs, easyfs-cat, easyfs-ls). The on-disk layout
 * is kernel/fs/easyfs_format.h, the same one the kernel uses.
 *
 * Every number taken from the image is checked before it is used, so a
 * corrupted image gives a message, never a crash.
 */
#ifndef EFS_IMAGE_H
#define EFS_IMAGE_H

#include <stdbool.h>
#include <stdint.h>
#include "easyfs_format.h"

struct image {
	const char *path;
	uint8_t *data; /* the whole image */
	uint64_t nblocks;
	struct efs_super sb;
	uint32_t inode_bitmap_start, inode_start, data_bitmap_start, data_start;
	uint32_t ninodes;
	uint32_t inode_hint, data_hint; /* allocation: no free bit below these */
	uint32_t log_start;		/* the log's first block; 0: no log */
};

/* Read an image file; 0, or -1 with a message. */
int image_load(struct image *im, const char *path);
/* Write it back; 0, or -1 with a message. */
int image_save(struct image *im);
/* Check the super block (and the log's place, image_check_log) and fill
   in the layout: NULL, or why it is bad. */
const char *image_check_super(struct image *im);
/* Set up a fresh file system of `nblocks` blocks in memory (rCore's
   layout: one inode bitmap block), with an empty root directory; with
   `log`, its last EFS_LOG_BLOCKS blocks are the log instead. */
int image_format(struct image *im, const char *path, uint64_t nblocks, bool log);

/* efs_log.c: the write-ahead log. Check the log's place (NULL, or why
   it is bad) and set log_start (image_check_super does). */
const char *image_check_log(struct image *im);
/* Blocks of the newest committed log header (its number in *seq), 0 if
   there is none or it is installed already. */
int image_log_pending(struct image *im, uint32_t *seq);
/* Replay it into the image in memory, clearing it: the blocks copied. */
int image_log_replay(struct image *im);

uint8_t *image_block(struct image *im, uint32_t block);
bool bit_get(struct image *im, uint32_t start, uint32_t n);
void bit_put(struct image *im, uint32_t start, uint32_t n, bool on);
bool is_data_block(struct image *im, uint32_t block);

/* Inode `ino`, or NULL with a message if the number or the inode is bad. */
struct efs_dinode *image_inode(struct image *im, uint32_t ino);
/* The disk block of data block `i` of an inode; 0 if a number on the way
   is bad. */
uint32_t image_bmap(struct image *im, const struct efs_dinode *di, uint32_t i);
/* Read up to n bytes at off; the count, or -1 on a bad block number. */
long image_read(struct image *im, const struct efs_dinode *di, uint64_t off, void *buf, uint64_t n);
/* Append n bytes to inode `ino`; 0, or -1 with a message (disk full). */
int image_append(struct image *im, uint32_t ino, const void *buf, uint64_t n);
/* A free inode of `type`, marked used and zeroed; -1 if none is left. */
long image_new_inode(struct image *im, uint32_t type);

/* Entry `i` of directory `di`; false if it cannot be read or its name
   is not a NUL-terminated non-empty string. */
bool image_dirent(struct image *im, const struct efs_dinode *di, uint32_t i, struct efs_dirent *de);
/* The inode of `path` (from the root; "." and ".." are worked out on the
   path, as the kernel does); -1 with a message. */
long image_lookup(struct image *im, const char *path);

#endif
