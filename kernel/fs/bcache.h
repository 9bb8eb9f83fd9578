/*
 * bcache.h - the block cache: 512-byte blocks of a block device, kept in
 * a pool of buffers sized from memory, read ahead and written back in runs.
 */
#ifndef BCACHE_H
#define BCACHE_H

#include "drivers/blk.h"

#define BSIZE 512

struct buf {
	struct blk_dev *dev;
	uint64_t block;
	bool valid, dirty;
	bool loading; /* being read from the disk (its reader sleeps) */
	bool ahead;   /* reading it starts the next read-ahead (bcache.c) */
	int refs;
	struct buf *hnext;	 /* next in its hash chain (valid buffers only) */
	struct buf *prev, *next; /* the LRU list: most recently used first */
	uint8_t *data;		 /* BSIZE bytes */
};

/* The cached block (read from disk if needed), held until brelse. NULL on
   a device error. */
struct buf *bread(struct blk_dev *d, uint64_t block);
/* The buffer of `block` for a caller that will overwrite all BSIZE bytes:
   not read from the disk if it is not cached. NULL if out of range. */
struct buf *bget(struct blk_dev *d, uint64_t block);
/* Mark modified (written back later). */
void bdirty(struct buf *b);
void brelse(struct buf *b);
/* Write every dirty block of `d` back; 0 or -1 on a device error. */
int bcache_sync(struct blk_dev *d);
/* bcache_sync, then forget every cached block of `d` nobody holds (for
   cold-cache benchmarks): the number forgotten, or -1 on a device error. */
int bcache_drop(struct blk_dev *d);
/* Log the read-ahead counts (at power-off, LOG=info). */
void bcache_log(void);

#endif
