/*
 * bcache.c - the block cache.
 *
 * NBUF buffers of one 512-byte block each. A valid buffer sits in one of
 * NHASH hash chains (by block number), so finding a block costs a short
 * walk, not a scan of the whole cache; all buffers sit in one list in order
 * of use, so the least recently used one is at the tail. Two things keep
 * the number of disk requests down, which is what costs most:
 *  - read-ahead: a miss reads up to READ_AHEAD blocks in one request and
 *    keeps the ones after the requested block in other clean buffers;
 *  - clustered write-back: writes stay in the cache until a dirty buffer
 *    must be reused or bcache_sync() runs; then every dirty block goes out,
 *    contiguous runs in one request each.
 * bget() gives a buffer for a block the caller will overwrite whole,
 * without reading it first.
 */
#include "fs/bcache.h"

#define NBUF 512
#define NHASH 128
#define RUN 64	     /* blocks written in one request at most: 32 KiB */
#define READ_AHEAD 8 /* blocks read in one request at most: 4 KiB */

static struct buf bufs[NBUF];
static struct buf *hash[NHASH];
static struct buf head; /* of the LRU list: head.next is the most recent */
static uint8_t bounce[RUN * BSIZE];

static struct buf **chain(uint64_t block)
{
	return &hash[block % NHASH];
}

static void unhash(struct buf *b)
{
	for (struct buf **p = chain(b->block); *p != NULL; p = &(*p)->hnext) {
		if (*p == b) {
			*p = b->hnext;
			return;
		}
	}
}

/* Make b hold (d, block), in the right hash chain. */
static void rehash(struct buf *b, struct blk_dev *d, uint64_t block)
{
	if (b->valid)
		unhash(b);
	b->dev = d;
	b->block = block;
	b->valid = true;
	b->dirty = false;
	b->hnext = *chain(block);
	*chain(block) = b;
}

/* Move b to the front of the LRU list (or, with `oldest`, to the back). */
static void touch(struct buf *b, bool oldest)
{
	if (head.next == NULL) { /* first use: link every buffer in */
		head.next = head.prev = &head;
		for (int i = 0; i < NBUF; i++) {
			bufs[i].next = &head;
			bufs[i].prev = head.prev;
			head.prev->next = &bufs[i];
			head.prev = &bufs[i];
		}
	}
	b->prev->next = b->next;
	b->next->prev = b->prev;
	struct buf *at = oldest ? head.prev : &head; /* insert after `at` */
	b->next = at->next;
	b->prev = at;
	at->next->prev = b;
	at->next = b;
}

static struct buf *lookup(struct blk_dev *d, uint64_t block)
{
	for (struct buf *b = *chain(block); b != NULL; b = b->hnext)
		if (b->dev == d && b->block == block)
			return b;
	return NULL;
}

/* The least recently used unreferenced buffer (a clean one if
   `clean_only`); NULL if there is none. */
static struct buf *victim(bool clean_only)
{
	if (head.next == NULL)
		touch(&bufs[0], false); /* links the list */
	for (struct buf *b = head.prev; b != &head; b = b->prev)
		if (b->refs == 0 && !(clean_only && b->dirty))
			return b;
	return NULL;
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

/* A buffer to hold `block`, held by the caller, not yet filled; NULL if
   none is free or writing a dirty one back failed. */
static struct buf *take(struct blk_dev *d, uint64_t block)
{
	struct buf *v = victim(false);
	if (v == NULL) { /* every buffer held: the caller fails with -EIO */
		error("bcache: all %d buffers are in use", NBUF);
		return NULL;
	}
	if (v->valid && v->dirty && write_back_all(v->dev) != 0)
		return NULL;
	rehash(v, d, block);
	v->refs = 1;
	touch(v, false);
	return v;
}

/* The cached buffer of (d, block), held, or NULL. */
static struct buf *hit(struct blk_dev *d, uint64_t block)
{
	struct buf *b = lookup(d, block);
	if (b != NULL) {
		b->refs++;
		touch(b, false);
	}
	return b;
}

struct buf *bread(struct blk_dev *d, uint64_t block)
{
	struct buf *b = hit(d, block);
	if (b != NULL)
		return b;
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
	while (n < READ_AHEAD && block + n < d->nsectors && lookup(d, block + n) == NULL)
		n++;
	if (d->read(d, block, bounce, n) != 0 &&
	    (n == 1 || d->read(d, block, bounce, n = 1) != 0)) {
		error("bcache: reading block %lu of %s failed", block, d->name);
		unhash(b);
		b->valid = false;
		b->refs = 0;
		touch(b, true);
		return NULL;
	}
	memcpy(b->data, bounce, BSIZE);
	for (int k = 1; k < n; k++) {
		struct buf *extra = victim(true);
		if (extra == NULL)
			break;
		rehash(extra, d, block + k);
		memcpy(extra->data, bounce + k * BSIZE, BSIZE);
		touch(extra, false);
	}
	touch(b, false); /* the block asked for is the most recent */
	return b;
}

struct buf *bget(struct blk_dev *d, uint64_t block)
{
	struct buf *b = hit(d, block);
	if (b != NULL)
		return b;
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
