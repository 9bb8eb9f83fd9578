/*
 * easyfs_internal.h - what the pieces of the easy-fs driver share: the
 * mounted file system, small helpers, and each piece's functions.
 * Private to kernel/fs/easyfs*.c; the rest of the kernel sees only
 * easyfs_mount (vfs.h).
 */
#ifndef EASYFS_INTERNAL_H
#define EASYFS_INTERNAL_H

#include "fs/vfs.h"
#include "fs/bcache.h"
#include "fs/easyfs_format.h"
#include "fs/dircache.h"

#define EFS_ORPHAN 1 /* fs_priv: no name left; free on release */
#define DIRENT_SIZE ((uint32_t)sizeof(struct efs_dirent))
#define DIRENTS_PER_BLOCK (EFS_BSIZE / DIRENT_SIZE)
#define EFS_LINK_BITS 65536 /* inodes whose names are counted in memory */

struct efs {
	struct fs fs;
	struct blk_dev *dev;
	struct efs_super sb;
	uint32_t inode_bitmap_start, inode_start, data_bitmap_start, data_start;
	uint32_t ninodes;		/* usable inode numbers */
	uint32_t inode_hint, data_hint; /* no free bit below these */
	bool used;
	/* Link counts are not on the disk: one scan of every directory (on
	   first need) finds the files with more than one name; link sets
	   their bit, and a file without it has exactly one name. */
	bool links_known;
	uint8_t multi[EFS_LINK_BITS / 8];
	/* The write-ahead log (easyfs_log.c); `logged` false: none. */
	bool logged;
	uint32_t log_start; /* area 0; area 1 follows it */
	uint32_t log_seq;   /* of the last commit */
	uint32_t log_n;	    /* blocks changed since the last install, held: */
	struct buf *log_bufs[EFS_LOG_SLOTS];
	bool log_dirty; /* one of them changed since the last commit */
	int log_ops;	/* ops in progress (they nest) */
	/* Ordered data (easyfs_log.c): one bit per data block in each map.
	   `fresh`: allocated since the last commit, so no committed file
	   reaches it and it may go home before the commit; `freed`: freed
	   since the last commit, still reached by a committed file, so not
	   handed out again (nor zeroed) until the commit. NULL: no maps, every
	   change is logged. Bits at or above *_hi are clear. */
	uint8_t *fresh, *freed;
	uint32_t fresh_hi, freed_lo, freed_hi;
	uint32_t fresh_logged; /* fresh blocks put in the set since the commit */
	bool fresh_home;       /* a fresh block was marked to go home directly */
};

static inline struct efs *efs_of(struct inode *ip)
{
	return ip->fs->priv;
}

static inline struct buf *efs_bread(struct efs *e, uint32_t block)
{
	return bread(e->dev, block);
}

static inline bool data_block_ok(struct efs *e, uint32_t block)
{
	return block >= e->data_start && block < e->sb.total_blocks;
}

/* easyfs_log.c: the write-ahead log. Every op that writes runs between
   efs_begin_op and efs_end_op and marks what it changes with
   efs_log_write (not bdirty); an op that may change more than
   EFS_OP_MAX blocks calls efs_op_split where the file system is
   consistent. */
#define EFS_OP_MAX 40 /* blocks one op changes between splits, at most */
int efs_log_mount(struct efs *e, const uint8_t *super_block);
void efs_begin_op(struct efs *e);
void efs_end_op(struct efs *e);
void efs_op_split(struct efs *e);
void efs_log_write(struct efs *e, struct buf *b);
int efs_log_commit(struct efs *e);
/* Install: commit, write the logged blocks home, empty the log (drop_caches). */
int efs_log_checkpoint(struct efs *e);
/* Data bit `bit` was just allocated: fresh, unless it was freed since the
   commit (then a committed file still reaches it: its writes are logged). */
void efs_log_allocated(struct efs *e, uint32_t bit);
/* Data bit `bit` is being freed: true if the log zeroes it after the
   commit (a committed file reaches it); false: zero it now. */
bool efs_log_free_later(struct efs *e, uint32_t bit);

/* easyfs_alloc.c: bitmaps and data blocks */
long efs_bitmap_alloc(struct efs *e, uint32_t start, uint32_t nbits, uint32_t *hint,
		      const uint8_t *skip);
int efs_bitmap_free(struct efs *e, uint32_t start, uint32_t n, uint32_t *hint);
int efs_bitmap_test(struct efs *e, uint32_t start, uint32_t n);
long efs_alloc_block(struct efs *e);
void efs_free_block(struct efs *e, uint32_t block);
int efs_check_allocated(struct efs *e, uint32_t ino);

/* easyfs_inode.c: disk inodes and file data */
int efs_read_dinode(struct efs *e, uint32_t ino, struct efs_dinode *di);
int efs_write_dinode(struct efs *e, uint32_t ino, const struct efs_dinode *di);
int efs_cut(struct efs *e, uint32_t ino, struct efs_dinode *di, uint32_t size);
int efs_cut_most(struct efs *e, uint32_t ino, struct efs_dinode *di, uint32_t size);
int efs_cut_steps(struct efs *e, uint32_t ino, struct efs_dinode *di, uint32_t size);
long efs_read_at(struct efs *e, const struct efs_dinode *di, uint64_t off, void *dst, uint64_t n);
long efs_write_at(struct efs *e, uint32_t ino, struct efs_dinode *di, uint64_t off, const void *src,
		  uint64_t n);
void efs_free_inode(struct efs *e, uint32_t ino);
long efs_read(struct inode *ip, uint64_t off, void *buf, uint64_t n);
long efs_write(struct inode *ip, uint64_t off, const void *buf, uint64_t n);
int efs_truncate(struct inode *ip);

/* easyfs_dir.c: directories and link counts */
struct inode *efs_lookup(struct inode *dir, const char *name, int *err);
struct inode *efs_create(struct inode *dir, const char *name, enum inode_type type, int *err);
int efs_link(struct inode *dir, const char *name, struct inode *target);
int efs_unlink(struct inode *dir, const char *name);
void efs_stat(struct inode *ip, uint64_t *size, uint32_t *nlink);
int efs_readdir(struct inode *dir, uint64_t *pos, dir_fn fn, void *arg);
void efs_forget_names(struct efs *e, uint32_t ino);

#endif
