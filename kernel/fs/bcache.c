/*
 * bcache.c - the block cache.
 *
 * NBUF buffers of one 512-byte block each. bread() finds the block in the
 * cache or takes the least recently used unreferenced buffer. Two things
 * keep the number of disk requests down, which is what costs most:
 *  - read-ahead: a miss reads up to RUN blocks in one request and keeps the
 *    ones after the requested block in other clean buffers;
 *  - clustered write-back: writes stay in the cache until a dirty buffer
 *    must be reused or bcache_sync() runs; then every dirty block goes out,
 *    contiguous runs in one request each.
 * bget() gives a buffer for a block the caller will overwrite whole,
 * without reading it first.
 */
#include "fs/bcache.h"

#define NBUF 512
#define RUN 64 /* blocks in one request at most: 32 KiB */

static struct buf bufs[NBUF];
static uint64_t clock;
static uint8_t bounce[RUN * BSIZE];

static struct buf *lookup(struct blk_dev *d, uint64_t block)
{
	for (int i = 0; i < NBUF; i++)
		if (bufs[i].valid && bufs[i].dev == d && bufs[i].block == block)
			return &bufs[i];
	return NULL;
}

/* The least recently used unreferenced buffer, preferring clean ones;
   NULL if every buffer is in use. */
static struct buf *victim(bool clean_only)
{
	struct buf *v = NULL;
	for (int i = 0; i < NBUF; i++) {
		struct buf *b = &bufs[i];
		if (b->refs > 0 || (clean_only && b->dirty))
			continue;
		if (!b->valid)
			return b;
		if (v == NULL || b->last_use < v->last_use)
			v = b;
	}
	return v;
}

/* Write the dirty buffers of `d` in block order, a run at a time. */
static int write_back_all(struct blk_dev *d)
{
	int ret = 0;
	for (;;) {
		struct buf *first = NULL;
		for (int i = 0; i < NBUF; i++)
			if (bufs[i].valid && bufs[i].dirty && bufs[i].dev == d &&
			    (first == NULL || bufs[i].block < first->block))
				first = &bufs[i];
		if (first == NULL)
			return ret;
		struct buf *run[RUN];
		int n = 0;
		run[n++] = first;
		struct buf *next;
		while (n < RUN && (next = lookup(d, first->block + n)) != NULL && next->dirty)
			run[n++] = next;
		for (int k = 0; k < n; k++)
			memcpy(bounce + k * BSIZE, run[k]->data, BSIZE);
		if (d->write(d, first->block, bounce, n) != 0) {
			error("bcache: writing blocks %lu-%lu of %s failed", first->block,
			      first->block + n - 1, d->name);
			ret = -1;
		}
		for (int k = 0; k < n; k++)
			run[k]->dirty = false; /* written, or lost with an error reported */
	}
}

/* A buffer to hold `block`, not yet filled; NULL if all are in use. */
static struct buf *take(struct blk_dev *d, uint64_t block)
{
	struct buf *v = victim(false);
	if (v != NULL && v->valid && v->dirty && write_back_all(v->dev) != 0)
		return NULL;
	if (v == NULL)
		panic("bcache: all %d buffers are in use", NBUF);
	v->dev = d;
	v->block = block;
	v->valid = true;
	v->dirty = false;
	v->refs = 1;
	v->last_use = ++clock;
	return v;
}

struct buf *bread(struct blk_dev *d, uint64_t block)
{
	struct buf *b = lookup(d, block);
	if (b != NULL) {
		b->refs++;
		b->last_use = ++clock;
		return b;
	}
	if (block >= d->nsectors) {
		error("bcache: block %lu is beyond the end of %s", block, d->name);
		return NULL;
	}
	b = take(d, block); /* first: taking may write back through the bounce buffer */
	if (b == NULL)
		return NULL;
	/* Read ahead: the blocks after this one that are not cached yet. If
	   the longer read fails, the block alone may still read. */
	int n = 1;
	while (n < RUN / 8 && block + n < d->nsectors && lookup(d, block + n) == NULL)
		n++;
	if (d->read(d, block, bounce, n) != 0 && (n == 1 || d->read(d, block, bounce, n = 1) != 0)) {
		error("bcache: reading block %lu of %s failed", block, d->name);
		b->valid = false;
		b->refs = 0;
		return NULL;
	}
	memcpy(b->data, bounce, BSIZE);
	for (int k = 1; k < n; k++) {
		struct buf *extra = victim(true);
		if (extra == NULL)
			break;
		extra->dev = d;
		extra->block = block + k;
		extra->valid = true;
		extra->dirty = false;
		extra->last_use = clock - RUN + k; /* older than what was asked for */
		memcpy(extra->data, bounce + k * BSIZE, BSIZE);
	}
	return b;
}

struct buf *bget(struct blk_dev *d, uint64_t block)
{
	struct buf *b = lookup(d, block);
	if (b != NULL) {
		b->refs++;
		b->last_use = ++clock;
		return b;
	}
	if (block >= d->nsectors)
		return NULL;
	return take(d, block);
}

void bdirty(struct buf *b)
{
	b->dirty = true;
}

void brelse(struct buf *b)
{
	if (b->refs <= 0)
		panic("brelse of a free buffer");
	b->refs--;
}

int bcache_sync(struct blk_dev *d)
{
	return write_back_all(d);
}
