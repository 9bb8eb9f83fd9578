/*
 * bcache.c - the block cache.
 *
 * NBUF buffers of one 512-byte block each. bread() finds the block in the
 * cache or takes the least recently used unreferenced buffer, writing it
 * back first if it is dirty. Writes stay in the cache until the buffer is
 * reused or bcache_sync() runs (at close of a written file, and before
 * power-off), so small writes to the same block cost one disk write.
 */
#include "fs/bcache.h"

#define NBUF 256

static struct buf bufs[NBUF];
static uint64_t clock;

static int write_back(struct buf *b)
{
	if (!b->dirty)
		return 0;
	if (b->dev->write(b->dev, b->block, b->data, 1) != 0) {
		error("bcache: writing block %lu of %s failed", b->block, b->dev->name);
		return -1;
	}
	b->dirty = false;
	return 0;
}

struct buf *bread(struct blk_dev *d, uint64_t block)
{
	struct buf *victim = NULL;
	for (int i = 0; i < NBUF; i++) {
		struct buf *b = &bufs[i];
		if (b->valid && b->dev == d && b->block == block) {
			b->refs++;
			b->last_use = ++clock;
			return b;
		}
		if (b->refs == 0 && (victim == NULL || !b->valid ||
				     (victim->valid && b->last_use < victim->last_use)))
			victim = b;
	}
	if (victim == NULL)
		panic("bcache: all %d buffers are in use", NBUF);
	if (victim->valid && write_back(victim) != 0)
		return NULL;
	victim->valid = false;
	if (block >= d->nsectors || d->read(d, block, victim->data, 1) != 0) {
		error("bcache: reading block %lu of %s failed", block, d->name);
		return NULL;
	}
	victim->dev = d;
	victim->block = block;
	victim->valid = true;
	victim->dirty = false;
	victim->refs = 1;
	victim->last_use = ++clock;
	return victim;
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
	int ret = 0;
	for (int i = 0; i < NBUF; i++)
		if (bufs[i].valid && bufs[i].dev == d && write_back(&bufs[i]) != 0)
			ret = -1;
	return ret;
}
