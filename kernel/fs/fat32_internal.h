/*
 * fat32_internal.h - what the pieces of the FAT32 driver share: the mounted
 * volume, cursors along cluster chains, directory entries as read, and the
 * functions each piece offers the others. Not for use outside kernel/fs/fat32*.c.
 *
 *   fat32.c        mounting, the fs_ops table, file read/write/truncate/stat
 *   fat32_fat.c    the FAT: cluster chains, allocation, the FSInfo sector
 *   fat32_dirent.c directory entries on the disk: reading, finding, writing slots
 *   fat32_name.c   names: long names, 8.3 short names and aliases, checksums, case
 *   fat32_dir.c    the directory operations: lookup, create, unlink, readdir
 */
#ifndef FAT32_INTERNAL_H
#define FAT32_INTERNAL_H

#include "fs/vfs.h"
#include "fs/bcache.h"
#include "fs/fat32.h"
#include "fs/dircache.h"

#define ROOT_INO 1
#define ORPHAN_INO (1ULL << 63) /* orphans: this bit | a sequence number */
#define MAX_FILE_SIZE 0xFFFFFFFFULL
#define DIR_MAX_SLOTS 65536		   /* entries in a directory, at most (2 MiB) */
#define FAT_DATE ((0 << 9) | (1 << 5) | 1) /* 1980-01-01: the kernel has no clock */

/* A mounted FAT32 volume. */
struct fat32 {
	struct fs fs;
	struct blk_dev *dev;
	bool used;
	uint32_t sec_per_clus;
	uint32_t clus_bytes;
	uint32_t fat_start;   /* first sector of FAT 0 */
	uint32_t fat_sectors; /* sectors per FAT */
	uint32_t nfats;
	uint32_t active_fat; /* the FAT we read */
	bool mirror;	     /* write every FAT (else only the active one) */
	uint32_t data_start; /* first sector of cluster 2 */
	uint32_t nclusters;  /* clusters are numbered 2 .. nclusters + 1 */
	uint32_t root_clus;
	uint32_t fsinfo;     /* sector of the FSInfo, 0 if none */
	uint32_t free_count; /* exact: counted at mount if the FSInfo did not say */
	uint32_t next_free;  /* where to look for a free cluster first */
	bool fsinfo_dirty;
	uint64_t orphans; /* orphans made so far: their numbers */
};

/* What fat_chain_seek does at the end of a chain: stop, or add clusters (for
   a directory zeroed: free entries; a file's new bytes are all written). */
enum grow { NO_GROW, GROW, GROW_ZEROED };

/* Where a walk along a cluster chain is: cluster number `index` of the
   chain (counting from 0) is `clus`; clus 0: nowhere yet. The mark is a
   cluster seen before, moved at powers of two (Brent's method): coming
   back to it means the chain loops. */
struct cursor {
	uint32_t index;
	uint32_t clus;
	uint32_t mark_index;
	uint32_t mark_clus;
};

static inline struct fat32 *fat_of(struct inode *ip)
{
	return ip->fs->priv;
}

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static inline bool cluster_ok(struct fat32 *f, uint32_t c)
{
	return c >= 2 && c - 2 < f->nclusters;
}

static inline uint64_t cluster_sector(struct fat32 *f, uint32_t c)
{
	return f->data_start + (uint64_t)(c - 2) * f->sec_per_clus;
}

static inline uint32_t dirent_cluster(const struct fat_dirent *de)
{
	return (uint32_t)de->clus_hi << 16 | de->clus_lo;
}

/* One directory entry, its long name put together. */
struct entry {
	struct fat_dirent de;
	uint64_t ino;		 /* where de is */
	uint32_t first_slot;	 /* its first slot (of the long name if it has one) */
	uint32_t next_slot;	 /* the slot after it */
	int dot;		 /* 1: ".", 2: "..", else 0 */
	char short_name[13];	 /* "NAME.EXT" (case as ntres says) */
	char name[NAME_MAX + 1]; /* the long name, or the short one */
};

/* Reading a directory entry by entry. */
struct dir_iter {
	struct fat32 *f;
	uint32_t first; /* first cluster of the directory (0: it has none) */
	uint32_t slot;	/* the next slot to look at */
	struct cursor cur;
};

/* fat32_fat.c */
int fat_next(struct fat32 *f, uint32_t c, uint32_t *next);
void fat_fsinfo_flush(struct fat32 *f);
int fat_alloc_cluster(struct fat32 *f, uint32_t prev, bool zero, uint32_t *out);
int fat_free_chain(struct fat32 *f, uint32_t c);
int fat_chain_seek(struct fat32 *f, uint32_t first, uint32_t index, struct cursor *cur,
		   enum grow grow);
uint64_t fat_chain_bytes(struct fat32 *f, uint32_t first);
int fat_read_fsinfo(struct fat32 *f);

/* fat32_dirent.c */
void fat_dirent_init(struct fat_dirent *de, const uint8_t name[11], uint8_t attr, uint8_t ntres,
		     uint32_t clus);
int fat_node_get(struct inode *ip, uint32_t *first, uint32_t *size);
int fat_node_set(struct inode *ip, uint32_t first, uint32_t size);
void fat_iter_init(struct dir_iter *it, struct fat32 *f, uint32_t first, uint32_t slot);
int fat_dir_next(struct dir_iter *it, struct entry *e);
int fat_dir_find(struct fat32 *f, uint32_t first, const char *name, struct entry *e);
int fat_short_exists(struct fat32 *f, uint32_t first, const uint8_t n11[11]);
int fat_dir_empty(struct fat32 *f, uint32_t first);
int fat_dotdot(struct fat32 *f, uint32_t first, uint32_t *parent);
int fat_dir_find_free(struct fat32 *f, uint32_t first, uint32_t count, uint32_t *start,
		      bool *past_end);
int fat_new_dir_cluster(struct fat32 *f, uint32_t parent, uint32_t *out);
int fat_write_entries(struct fat32 *f, uint32_t first, uint32_t start, uint32_t count,
		      const uint16_t *u, int n, const struct fat_dirent *de, bool past_end,
		      uint64_t *ino);
int fat_delete_slots(struct fat32 *f, uint32_t first, uint32_t from, uint32_t to);
/* Tell the directory's name index (if it has one) of an entry written at
   slots start..start+count-1, or of one removed. */
void fat_index_added(struct fat32 *f, uint32_t first, const char *name, const uint8_t n11[11],
		     uint32_t start, uint32_t count);
void fat_index_removed(struct fat32 *f, uint32_t first, const struct entry *e);
/* Forget what is kept in memory of the directory at `first` (its name
   index and places along its chain), or of every one (first 0). */
void fat_forget_dir(struct fat32 *f, uint32_t first);

/* fat32_name.c */
bool fat_same_name(const char *a, const char *b);
void fat_short_to_str(const uint8_t *n11, uint8_t ntres, char out[13]);
bool fat_ucs2_to_name(const uint16_t *u, int n, char out[NAME_MAX + 1]);
uint8_t fat_lfn_checksum(const uint8_t n11[11]);
void fat_lfn_fill(uint8_t raw[DIRENT_SIZE], const uint16_t *u, int n, int ord, bool last,
		  uint8_t sum);
int fat_new_name(struct fat32 *f, uint32_t first, const char *name, uint16_t *u, int *n,
		 uint8_t n11[11], uint8_t *ntres, uint32_t *count);

/* fat32_dir.c: the directory operations of fs_ops */
struct inode *fat_root(struct fs *fs);
struct inode *fat_lookup(struct inode *dir, const char *name, int *err);
struct inode *fat_create(struct inode *dir, const char *name, enum inode_type type, int *err);
int fat_link(struct inode *dir, const char *name, struct inode *target);
int fat_unlink(struct inode *dir, const char *name);
int fat_readdir(struct inode *dir, uint64_t *pos, dir_fn fn, void *arg);

#endif
