/*
 * bcache.c - the block cache.
 *
 * Buffers of one 512-byte block each, as many as a sixteenth of the
 * memory free at boot holds (between MIN_BUFS and MAX_BUFS), taken from
 * the frame allocator the first time the cache is used. A valid buffer
 * sits in one of the hash chains (by block number, about four buffers a
 * chain), so finding a block costs a short walk, not a scan of the whole
 * cache; all buffers sit in one list in order of use, so the least
 * recently used one is at the tail. Two things keep the number of disk
 * requests down, which is what costs most:
 *  - read-ahead: a miss reads a window of blocks in one request and keeps
 *    the ones after the requested block in other clean buffers. The
 *    window grows while reading goes on in order (WINDOW_MIN, doubled at
 *    each window that starts where the last one ended, up to RUN blocks:
 *    64 KiB); a read elsewhere starts a new stream, small (a few streams
 *    are followed at once: a file's index blocks, or another reader, do
 *    not shrink the window of a sequential reader);
 *  - clustered write-back: writes stay in the cache until a dirty buffer
 *    must be reused or bcache_sync() runs; then every dirty block goes out
 *    in block order, contiguous runs of up to RUN blocks in one request
 *    each.
 * bget() gives a buffer for a block the caller will overwrite whole,
 * without reading it first.
 *
 * From chapter 9 a thread sleeps while the disk reads or writes, and
 * several readers may be in the cache at once (fslock.c). So a buffer
 * being read is in its hash chain already, marked `loading`: another
 * thread that wants the block holds it and waits; a buffer being written
 * back is held, so it is not taken for another block meanwhile; a victim
 * is only taken in one go, without sleeping between choosing and taking
 * it. A request's bytes go through an I/O buffer of its own (a `struct
 * started`), as the blocks of a run sit in buffers all over the cache.
 *
 * Where the driver can read without the reader waiting (blk start,
 * chapter 9), sequential reading keeps the disk busy while the reader
 * copies: the first block of a read-ahead window is marked `ahead`, and a
 * reader reaching a marked block starts reading the next window at once,
 * without waiting for it (read_ahead). That window's buffers are in the
 * cache, held and `loading`, until the device answers: its interrupt
 * handler fills them (ahead_done). A miss in the middle of a window marks
 * its half-way block, so a reader that goes on reading in order gets the
 * next window started before it needs it. Write-back starts up to WRITERS
 * runs at once, then waits for them together. The polled driver (chapter
 * 6) has no start(): there every read-ahead is part of a miss, and every
 * run is written before the next.
 */
#include "fs/bcache.h"
#include "mm/vm.h"
#include "task/task.h"

#define MIN_BUFS 512	/* 256 KiB of blocks, whatever the memory */
#define MAX_BUFS 32768	/* 16 MiB */
#define RUN 128		/* blocks in one request at most: 64 KiB */
#define WINDOW_MIN 16	/* the first read-ahead window: 8 KiB */
#define READERS 4	/* misses being read at once */
#define AHEADS 2	/* read-aheads in flight that nobody waits for yet */
#define WRITERS 8	/* write-back runs at the device at once (blk start) */
#define LOAD_SECONDS 10 /* a reader waits this long for an unwaited read-ahead */

static int nbuf, nhash;		  /* set by setup() */
static struct buf *bufs;	  /* nbuf of them */
static struct buf **hash;	  /* nhash chains */
static struct buf **dirty_sorted; /* write_back_all's work list, nbuf long */
static struct buf head;		  /* of the LRU list: head.next is the most recent */
static bool flushing;		  /* a write_back_all is under way */
static struct waitq flushed;
static struct waitq loaded; /* threads waiting for a `loading` buffer */

/* A sequential reader as read-ahead sees it: where its last window ended
   and how big it was. A few at once, so that a file's index blocks, or a
   second reader, do not make a stream start small again. */
#define STREAMS 4
#define STREAM_GAP 8 /* blocks a stream may skip (cached ones, an index block) */
struct stream {
	uint64_t next;	/* the block after its last window */
	int window;	/* that window's size */
	uint64_t stamp; /* when it last read: the oldest is replaced */
};
static struct stream streams[STREAMS];
static uint64_t stream_clock;

/* A request's blocks and bytes: a miss being read (its thread waits), a
   read-ahead or a write-back run. The buffers are held until the device
   answers; `io` is what the device writes (a read) or reads (a write). */
struct started {
	bool used;
	int n;
	struct buf *bufs[RUN];
	uint8_t *io; /* RUN blocks */
};
static struct started readers[READERS], aheads[AHEADS], wruns[WRITERS];
static uint64_t aheads_started, loading_waits; /* for bcache_log() */

/* `bytes` of memory from the frame allocator, zeroed; NULL if none. */
static void *grab(uint64_t bytes)
{
	uint64_t pa = frame_alloc_contig((bytes + HAL_PAGE_SIZE - 1) / HAL_PAGE_SIZE);
	return pa != 0 ? hal_phys_to_virt(pa) : NULL;
}

/* Size the cache from the memory free now and take its memory: 0, or -1
   with a message (then every read fails with an error). */
static int setup(void)
{
	static bool failed;
	if (bufs != NULL)
		return 0;
	if (failed)
		return -1;
	uint64_t want = frame_free_count() * HAL_PAGE_SIZE / 16 / (sizeof(struct buf) + BSIZE);
	nbuf = want < MIN_BUFS ? MIN_BUFS : want > MAX_BUFS ? MAX_BUFS : (int)want;
	nhash = 1;
	while (nhash < nbuf / 4)
		nhash *= 2;
	bufs = grab((uint64_t)nbuf * sizeof(struct buf));
	uint8_t *data = grab((uint64_t)nbuf * BSIZE);
	hash = grab((uint64_t)nhash * sizeof(struct buf *));
	dirty_sorted = grab((uint64_t)nbuf * sizeof(struct buf *));
	uint8_t *io = grab((uint64_t)(READERS + AHEADS + WRITERS) * RUN * BSIZE);
	if (bufs == NULL || data == NULL || hash == NULL || dirty_sorted == NULL || io == NULL) {
		error("bcache: no memory for %d buffers", nbuf);
		bufs = NULL;
		nbuf = 0;
		failed = true;
		return -1;
	}
	head.next = head.prev = &head;
	for (int i = 0; i < nbuf; i++) {
		bufs[i].data = data + (uint64_t)i * BSIZE;
		bufs[i].next = &head;
		bufs[i].prev = head.prev;
		head.prev->next = &bufs[i];
		head.prev = &bufs[i];
	}
	struct started *all[] = {readers, aheads, wruns};
	int counts[] = {READERS, AHEADS, WRITERS};
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < counts[k]; i++, io += RUN * BSIZE)
			all[k][i].io = io;
	info("bcache: %d buffers (%d KiB), %d hash chains", nbuf, nbuf / 2, nhash);
	return 0;
}

static struct buf **chain(uint64_t block)
{
	return &hash[block & (uint64_t)(nhash - 1)];
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

/* Heapsort's step: move v[at] down the heap v[0..end) to its place. */
static void sift_down(struct buf **v, int at, int end)
{
	for (int c; (c = 2 * at + 1) < end; at = c) {
		if (c + 1 < end && v[c + 1]->block > v[c]->block)
			c++; /* the larger child */
		if (v[at]->block >= v[c]->block)
			return;
		struct buf *t = v[at];
		v[at] = v[c];
		v[c] = t;
	}
}

/* Sort v[0..n) by block number (heapsort: no recursion, no memory). */
static void sort_by_block(struct buf **v, int n)
{
	for (int top = n / 2 - 1; top >= 0; top--)
		sift_down(v, top, n);
	for (int end = n - 1; end > 0; end--) {
		struct buf *t = v[0]; /* the largest goes last */
		v[0] = v[end];
		v[end] = t;
		sift_down(v, 0, end);
	}
}

/* Is b still a dirty block of d (it may have changed while we slept)? */
static bool dirty_of(struct buf *b, struct blk_dev *d)
{
	return b->valid && b->dirty && b->dev == d;
}

/* Write the dirty buffers of `d` in block order, a run of contiguous
   blocks per request: where the driver can start requests, up to WRITERS
   runs at the device at once, then wait for them all (drain); else one
   request after the other. The dirty buffers are listed and sorted once
   per pass; a pass repeats while blocks were dirtied meanwhile. One
   thread at a time: another waits, then finds less to do. */
static int write_back_all(struct blk_dev *d)
{
	while (flushing)
		wait_sleep(&flushed);
	flushing = true;
	write_failed = false;
	int ret = 0;
	bool started = false;
	for (;;) {
		int n = 0;
		for (int i = 0; i < nbuf; i++)
			if (dirty_of(&bufs[i], d))
				dirty_sorted[n++] = &bufs[i];
		if (n == 0)
			break;
		sort_by_block(dirty_sorted, n);
		for (int i = 0; i < n;) {
			if (!dirty_of(dirty_sorted[i], d)) {
				i++;
				continue;
			}
			struct started *w = unused(wruns, WRITERS);
			if (w == NULL && !started) {
				/* every run's memory is the device's for good (it never
				   answered): the disk is dead, the rest is lost */
				error("bcache: %s does not answer: %d dirty blocks lost", d->name,
				      n - i);
				for (; i < n; i++)
					dirty_sorted[i]->dirty = false;
				ret = -1;
				continue;
			}
			if (w == NULL) { /* all at the device: wait for them */
				started = false;
				if (d->drain(d) != 0)
					ret = -1;
				continue;
			}
			struct buf *first = dirty_sorted[i];
			w->n = 0;
			while (i < n && w->n < RUN &&
			       (w->n == 0 || (dirty_of(dirty_sorted[i], d) &&
					      dirty_sorted[i]->block == first->block + w->n))) {
				struct buf *b = dirty_sorted[i++];
				memcpy(w->io + w->n * BSIZE, b->data, BSIZE);
				b->dirty =
				    false; /* written below, or lost with an error reported */
				b->refs++; /* not taken for another block while we sleep */
				w->bufs[w->n++] = b;
			}
			w->used = true;
			if (d->start != NULL &&
			    d->start(d, true, first->block, w->io, w->n, run_done, w) == 0) {
				started = true;
				continue;
			}
			int err = d->write(d, first->block, w->io, w->n);
			run_done(w, err != 0 ? BLK_FAILED : 0);
		}
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

/* The stream a read at `block` continues, its window doubled (up to RUN
   blocks); else the oldest stream, started again small at `block`. The
   caller sets its `next` once it knows how much it reads. */
static struct stream *stream_at(uint64_t block)
{
	struct stream *s = &streams[0];
	for (int i = 0; i < STREAMS; i++) {
		struct stream *t = &streams[i];
		if (t->window > 0 && block >= t->next && block - t->next <= STREAM_GAP) {
			t->window = t->window * 2 < RUN ? t->window * 2 : RUN;
			t->stamp = ++stream_clock;
			return t;
		}
		if (t->stamp < s->stamp)
			s = t;
	}
	s->window = WINDOW_MIN;
	s->stamp = ++stream_clock;
	return s;
}

/* Start reading, without waiting, a window of blocks from the first block
   at or after `block` (and within RUN of it) that is not cached; the
   first of them is marked, so that reaching it starts the next window.
   Nothing if the driver cannot, or no clean buffer is free. */
static void read_ahead(struct blk_dev *d, uint64_t block)
{
	if (d->start == NULL)
		return;
	uint64_t end = block + RUN;
	while (block < end && block < d->nsectors && lookup(d, block) != NULL)
		block++;
	struct started *a = unused(aheads, AHEADS);
	if (block == end || a == NULL)
		return;
	struct stream *st = stream_at(block);
	int n = 0;
	struct buf *b;
	while (n < st->window && block + n < d->nsectors && lookup(d, block + n) == NULL &&
	       (b = victim(true)) != NULL) {
		rehash(b, d, block + n);
		b->loading = true;
		b->refs = 1;
		touch(b, false);
		a->bufs[n++] = b;
	}
	if (n == 0)
		return;
	st->next = block + n;
	a->n = n;
	a->used = true;
	aheads_started++;
	a->bufs[0]->ahead = true;
	if (d->start(d, false, block, a->io, n, ahead_done, a) != 0) {
		ahead_done(a, BLK_FAILED); /* not started: the buffers are dropped, */
		st->next = block;	   /* and a miss there goes on with the stream */
	}
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
		error("bcache: all %d buffers are in use", nbuf);
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

/* Read `b` (held, loading) from the disk with the blocks of its
   read-ahead window after it that are not cached (or alone, if every
   reader's I/O buffer is in use); 0, or -1 with b dropped. */
static int load(struct blk_dev *d, struct buf *b)
{
	uint64_t block = b->block;
	struct started *r = unused(readers, READERS);
	uint8_t *io = NULL;
	struct stream *st = stream_at(block);
	int n = 1;
	if (r != NULL) {
		r->used = true;
		io = r->io;
		while (n < st->window && block + n < d->nsectors && lookup(d, block + n) == NULL)
			n++;
	}
	st->next = block + n;
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
	if (r != NULL)
		r->used = false;
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
	if (setup() != 0)
		return NULL;
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
	if (setup() != 0 || block >= d->nsectors)
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
	if (setup() != 0)
		return -1;
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
	for (int i = 0; i < nbuf; i++) {
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
