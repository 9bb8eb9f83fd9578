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
 *
 * From chapter 9 a thread sleeps while the disk reads or writes, and
 * several readers may be in the cache at once (fslock.c). So a buffer
 * being read is in its hash chain already, marked `loading`: another
 * thread that wants the block holds it and waits; a buffer being written
 * back is held, so it is not taken for another block meanwhile; a victim
 * is only taken in one go, without sleeping between choosing and taking
 * it; read-ahead reads into one of a few bounce buffers of its own, and
 * write-back, one run at a time, through the write bounce buffer.
 *
 * Where the driver can read without the reader waiting (blk start,
 * chapter 9), sequential reading keeps the disk busy while the reader
 * copies: the first block of a read-ahead window is marked `ahead`, and a
 * reader reaching a marked block starts reading the next window at once,
 * without waiting for it (read_ahead). That window's buffers are in the
 * cache, held and `loading`, until the device answers: its interrupt
 * handler fills them (ahead_done). A miss in the middle of a window marks
 * its half-way block, so a reader that goes on reading in order gets the
 * next window started before it needs it. The polled driver (chapter 6)
 * has no start(): there every read-ahead is part of a miss.
 */
#include "fs/bcache.h"
#include "task/task.h"

#define NBUF 512
#define NHASH 128
#define RUN 64		/* blocks written in one request at most: 32 KiB */
#define READ_AHEAD 64	/* blocks read in one request at most: 32 KiB */
#define READERS 4	/* reads in flight with read-ahead at once */
#define AHEADS 2	/* read-aheads in flight that nobody waits for yet */
#define WRITERS 4	/* write-back runs at the device at once (blk start) */
#define LOAD_SECONDS 10 /* a reader waits this long for an unwaited read-ahead */

static struct buf bufs[NBUF];
static struct buf *hash[NHASH];
static struct buf head;		    /* of the LRU list: head.next is the most recent */
static uint8_t bounce[RUN * BSIZE]; /* write-back's, while `flushing` */
static bool flushing;
static struct waitq flushed;
static uint8_t read_bounce[READERS][READ_AHEAD * BSIZE];
static bool read_bounce_used[READERS];
static struct waitq loaded; /* threads waiting for a `loading` buffer */

/* A request started with nobody waiting for it (blk start): a read-ahead
   or a write-back run. Its buffers are held until the device answers;
   `io` is what the device writes (a read) or reads (a write). */
struct started {
	bool used;
	int n;
	struct buf *bufs[RUN];
	uint8_t io[RUN * BSIZE];
};
_Static_assert(READ_AHEAD <= RUN, "a read-ahead fits in a started request");
static struct started aheads[AHEADS], wruns[WRITERS];
static uint64_t aheads_started, loading_waits; /* for bcache_log() */

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
	b->ahead = false;
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

/* A free one of `pool`, or NULL. */
static struct started *unused(struct started *pool, int n)
{
	for (int i = 0; i < n; i++)
		if (!pool[i].used)
			return &pool[i];
	return NULL;
}

static bool write_failed; /* a started run failed (since write_back_all began) */

/* The device answered a started run (from its interrupt handler). */
static void run_done(void *arg, int err)
{
	struct started *w = arg;
	for (int k = 0; k < w->n; k++)
		w->bufs[k]->refs--;
	if (err != 0) {
		error("bcache: writing blocks %lu-%lu failed", w->bufs[0]->block,
		      w->bufs[0]->block + w->n - 1);
		write_failed = true;
	}
	w->used = err == BLK_LOST; /* a lost write's buffer stays the device's */
}

/* Write the dirty buffers of `d` in block order, a run at a time: where
   the driver can start requests, up to WRITERS runs at the device at
   once, then wait for them all (drain); else one request after the
   other. One thread at a time: another waits, then finds less to do. */
static int write_back_all(struct blk_dev *d)
{
	while (flushing)
		wait_sleep(&flushed);
	flushing = true;
	write_failed = false;
	int ret = 0;
	bool started = false;
	for (;;) {
		struct buf *first = NULL;
		for (int i = 0; i < NBUF; i++)
			if (bufs[i].valid && bufs[i].dirty && bufs[i].dev == d &&
			    (first == NULL || bufs[i].block < first->block))
				first = &bufs[i];
		if (first == NULL)
			break;
		struct started *w = unused(wruns, WRITERS);
		if (w == NULL && started) { /* all at the device: wait for them */
			started = false;
			if (d->drain(d) != 0)
				ret = -1;
			continue;
		}
		uint8_t *io = w != NULL ? w->io : bounce;
		struct buf *run[RUN];
		int n = 0;
		run[n++] = first;
		struct buf *next;
		while (n < RUN && (next = lookup(d, first->block + n)) != NULL && next->dirty)
			run[n++] = next;
		for (int k = 0; k < n; k++) {
			memcpy(io + k * BSIZE, run[k]->data, BSIZE);
			run[k]->dirty = false; /* written below, or lost with an error reported */
			run[k]->refs++;	       /* not taken for another block while we sleep */
		}
		if (w != NULL && d->start != NULL) {
			w->n = n;
			memcpy(w->bufs, run, n * sizeof(run[0]));
			w->used = true;
			if (d->start(d, true, first->block, io, n, run_done, w) == 0) {
				started = true;
				continue;
			}
			w->used = false;
		}
		if (d->write(d, first->block, io, n) != 0) {
			error("bcache: writing blocks %lu-%lu of %s failed", first->block,
			      first->block + n - 1, d->name);
			ret = -1;
		}
		for (int k = 0; k < n; k++)
			run[k]->refs--;
	}
	if (started && d->drain(d) != 0)
		ret = -1;
	if (write_failed)
		ret = -1;
	flushing = false;
	wait_wake_all(&flushed);
	return ret;
}

static void read_ahead(struct blk_dev *d, uint64_t block);

/* The cached buffer of (d, block), held, or NULL. A buffer another
   thread is reading is waited for; NULL too if that read failed, or an
   unwaited read-ahead never came back (*failed set). A `reading` caller
   that reaches a marked block starts the next read-ahead first. */
static struct buf *hit(struct blk_dev *d, uint64_t block, bool reading, bool *failed)
{
	struct buf *b = lookup(d, block);
	if (b == NULL)
		return NULL;
	b->refs++;
	touch(b, false);
	if (reading && b->ahead) {
		b->ahead = false;
		read_ahead(d, block + 1);
	}
	if (b->loading) {
		loading_waits++;
		uint64_t deadline = hal_time() + LOAD_SECONDS * hal_time_freq();
		while (b->loading && clock_wait_until(&loaded, deadline) == 0)
			;
		if (b->loading) { /* the device never answered: the buffer stays its */
			error("bcache: block %lu of %s: no answer from the disk in %d s", block,
			      d->name, LOAD_SECONDS);
			b->refs--;
			*failed = true;
			return NULL;
		}
	}
	if (!b->valid) { /* its read failed, and it was dropped */
		b->refs--;
		*failed = true;
		return NULL;
	}
	return b;
}

/* The device answered a read-ahead (from its interrupt handler): fill
   the buffers, or drop them if the read failed; wake their readers. */
static void ahead_done(void *arg, int err)
{
	struct started *a = arg;
	for (int k = 0; k < a->n; k++) {
		struct buf *b = a->bufs[k];
		b->loading = false;
		b->refs--;
		if (err == 0) {
			memcpy(b->data, a->io + k * BSIZE, BSIZE);
		} else {
			unhash(b);
			b->valid = false;
			b->ahead = false;
			touch(b, true);
		}
	}
	a->used = err == BLK_LOST; /* a lost read's buffer stays the device's */
	wait_wake_all(&loaded);
}

/* Start reading, without waiting, up to READ_AHEAD blocks from the first
   block at or after `block` (and within READ_AHEAD of it) that is not
   cached; the first of them is marked, so that reaching it starts the next
   window. Nothing if the driver cannot, or no clean buffer is free. */
static void read_ahead(struct blk_dev *d, uint64_t block)
{
	if (d->start == NULL)
		return;
	uint64_t end = block + READ_AHEAD;
	while (block < end && block < d->nsectors && lookup(d, block) != NULL)
		block++;
	struct started *a = unused(aheads, AHEADS);
	if (block == end || a == NULL)
		return;
	int n = 0;
	struct buf *b;
	while (n < READ_AHEAD && block + n < d->nsectors && lookup(d, block + n) == NULL &&
	       (b = victim(true)) != NULL) {
		rehash(b, d, block + n);
		b->loading = true;
		b->refs = 1;
		touch(b, false);
		a->bufs[n++] = b;
	}
	if (n == 0)
		return;
	a->n = n;
	a->used = true;
	aheads_started++;
	a->bufs[0]->ahead = true;
	if (d->start(d, false, block, a->io, n, ahead_done, a) != 0)
		ahead_done(a, BLK_FAILED); /* not started: the buffers are dropped */
}

/* A buffer for `block`, held by the caller, marked `loading` if `load`;
   NULL if none is free or writing a dirty one back failed. Choosing and
   taking the victim happen without sleeping in between; if a dirty one
   must be written back first (which sleeps), the choice starts again,
   and *slept says the block may be cached by someone else meanwhile. */
static struct buf *take(struct blk_dev *d, uint64_t block, bool load, bool *slept)
{
	struct buf *v = victim(false);
	if (v == NULL) { /* every buffer held: the caller fails with -EIO */
		error("bcache: all %d buffers are in use", NBUF);
		return NULL;
	}
	if (v->valid && v->dirty) {
		if (write_back_all(v->dev) != 0)
			return NULL;
		*slept = true;
		return NULL;
	}
	rehash(v, d, block);
	v->loading = load;
	v->refs = 1;
	touch(v, false);
	return v;
}

/* A read bounce buffer (NULL if all are in use: then read one block). */
static uint8_t *bounce_get(void)
{
	for (int i = 0; i < READERS; i++)
		if (!read_bounce_used[i]) {
			read_bounce_used[i] = true;
			return read_bounce[i];
		}
	return NULL;
}

static void bounce_put(uint8_t *p)
{
	for (int i = 0; i < READERS; i++)
		if (p == read_bounce[i])
			read_bounce_used[i] = false;
}

/* Read `b` (held, loading) from the disk with up to READ_AHEAD-1 blocks
   after it that are not cached; 0, or -1 with b dropped. */
static int load(struct blk_dev *d, struct buf *b)
{
	uint64_t block = b->block;
	uint8_t *io = bounce_get();
	int n = 1;
	while (io != NULL && n < READ_AHEAD && block + n < d->nsectors &&
	       lookup(d, block + n) == NULL)
		n++;
	/* If the longer read fails, the block alone may still read. */
	int err = d->read(d, block, io != NULL ? io : b->data, n);
	if (err != 0 && n > 1)
		err = d->read(d, block, io, n = 1);
	if (err == 0 && io != NULL)
		memcpy(b->data, io, BSIZE);
	for (int k = 1; err == 0 && k < n; k++) {
		if (lookup(d, block + k) != NULL)
			continue; /* another thread read it while we slept */
		struct buf *extra = victim(true);
		if (extra == NULL)
			break;
		rehash(extra, d, block + k);
		memcpy(extra->data, io + k * BSIZE, BSIZE);
		touch(extra, false);
	}
	if (io != NULL)
		bounce_put(io);
	b->loading = false;
	wait_wake_all(&loaded);
	if (err != 0) {
		error("bcache: reading block %lu of %s failed", block, d->name);
		unhash(b);
		b->valid = false;
		b->refs--;
		touch(b, true);
		return -1;
	}
	touch(b, false); /* the block asked for is the most recent */
	struct buf *half = n > 1 ? lookup(d, block + n / 2) : NULL;
	if (half != NULL && !half->loading)
		half->ahead = true; /* reaching it starts the next window */
	return 0;
}

struct buf *bread(struct blk_dev *d, uint64_t block)
{
	if (block >= d->nsectors) {
		error("bcache: block %lu is beyond the end of %s", block, d->name);
		return NULL;
	}
	for (;;) {
		bool failed = false, slept = false;
		struct buf *b = hit(d, block, true, &failed);
		if (b != NULL)
			return b;
		if (failed)
			return NULL;
		b = take(d, block, true, &slept);
		if (slept)
			continue;
		if (b == NULL || load(d, b) != 0)
			return NULL;
		return b;
	}
}

struct buf *bget(struct blk_dev *d, uint64_t block)
{
	if (block >= d->nsectors)
		return NULL;
	for (;;) {
		bool failed = false, slept = false;
		struct buf *b = hit(d, block, false, &failed);
		if (b != NULL || failed)
			return b;
		b = take(d, block, false, &slept);
		if (!slept)
			return b;
	}
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
	int ret = write_back_all(d);
	if (ret == 0 && d->flush != NULL && d->flush(d) != 0) {
		error("bcache: flushing the write cache of %s failed", d->name);
		ret = -1;
	}
	return ret;
}

int bcache_drop(struct blk_dev *d)
{
	if (bcache_sync(d) != 0)
		return -1;
	int dropped = 0;
	for (int i = 0; i < NBUF; i++) {
		struct buf *b = &bufs[i];
		if (b->valid && b->dev == d && b->refs == 0 && !b->dirty && !b->loading) {
			unhash(b);
			b->valid = false;
			b->ahead = false;
			touch(b, true);
			dropped++;
		}
	}
	return dropped;
}

void bcache_log(void)
{
	info("bcache: read-aheads started with nobody waiting: %lu; reads that waited for a "
	     "block on its way: %lu",
	     aheads_started, loading_waits);
}
