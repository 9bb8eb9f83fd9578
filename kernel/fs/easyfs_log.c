/*
 * easyfs_log.c - the easy-fs write-ahead log: every op is all there after
 * a crash, or not there at all.
 *
 * An op that writes (create, write, truncate, link, unlink, freeing an
 * inode) runs between efs_begin_op and efs_end_op, and marks each block
 * it changes with efs_log_write instead of bdirty. Such a block joins the
 * log set: the cache keeps it (one more reference) and does not write it
 * home, so the disk keeps the old contents until the set is committed.
 *
 * Commit (at a sync: closing a written file, sync, power-off): copy every
 * block of the set into a log area, then its header (the block numbers
 * and a checksum of them and the copies), then flush. The header is the
 * commit point: after a crash, a header whose checksum matches is
 * replayed; one written only in part, or whose copies were not all
 * written, does not match and is ignored. The copies and the header go
 * out together, with one flush, because the checksum (not an order of
 * writes) tells a whole commit from a torn one.
 *
 * Install (when the set is nearly full, so the next op may not fit, and
 * for drop_caches, which must find nothing held back from the disk):
 * commit, write the blocks to their homes, flush, and clear the header
 * (one write, no flush: a header left uncleared is replayed once more,
 * which writes what is there already). The set starts empty again.
 *
 * Between installs the set only grows, and each commit writes all of it:
 * a commit holds every change since the last install, so the newest
 * committed header is all that replay needs. Two areas take turns (by
 * the sequence number's parity): a commit never overwrites the copies
 * of the last good commit, so a crash in the middle of one falls back
 * to the one before. Closing and deleting small files again and again
 * changes the same few blocks: each close commits them, one flush, and
 * nothing goes home until the set fills.
 *
 * Ops run one at a time (the exclusive file system lock, fslock.c), so
 * there is one set per file system and no waiting for room: an op that
 * may change many blocks (a large write, truncate, freeing a big file)
 * calls efs_op_split between steps that each leave the file system
 * consistent, and the set is installed there if it is nearly full.
 *
 * Ordered data, so that a large write is not written twice: a data
 * block allocated since the last commit is "fresh" -- no committed file
 * reaches it -- so it may go home at any time, and what it holds after a
 * crash does not matter until a commit makes a file reach it. The first
 * FRESH_LOGGED fresh blocks between two commits are logged anyway (a small
 * file's block costs nothing more in the log's one run); the rest are
 * only marked dirty, and the commit first writes them home and flushes,
 * so they are on the disk before the header that makes them reachable
 * (ext3's "ordered" mode). For this to hold, a block freed since the last
 * commit -- still reached by the committed state -- is neither zeroed nor
 * handed out again before the commit (unless nothing else is free: then
 * it is taken, and its writes are logged like an overwrite). After the
 * commit such blocks are zeroed (free blocks stay zero, as rCore
 * assumes), straight home. Overwrites of blocks a committed file reaches
 * are always logged, so every op stays all there or not there at all.
 *
 * An image without a log (made by rCore's easy-fs-fuse, or mkfs-easyfs
 * --no-log) mounts too: efs_log_write is then bdirty, and a crash can
 * leave it half-updated, as before.
 */
#include "fs/easyfs_internal.h"
#include "mm/vm.h"

#define MAX_IO 64	/* blocks written in one request */
#define FRESH_LOGGED 16 /* fresh blocks logged between commits, at most */

static uint8_t copies[EFS_LOG_SLOTS * EFS_BSIZE]; /* a commit's, or replay's */
static struct efs_log_header header;

static uint32_t area_of(struct efs *e, uint32_t seq)
{
	return e->log_start + (seq % 2) * EFS_LOG_AREA;
}

static bool bit_test(const uint8_t *map, uint32_t n)
{
	return (map[n / 8] >> (n % 8)) & 1;
}

static void bit_set(uint8_t *map, uint32_t n)
{
	map[n / 8] |= 1 << (n % 8);
}

static void bit_clear(uint8_t *map, uint32_t n)
{
	map[n / 8] &= ~(1 << (n % 8));
}

static int write_blocks(struct blk_dev *d, uint32_t block, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i += MAX_IO) {
		int k = n - i < MAX_IO ? n - i : MAX_IO;
		if (d->write(d, block + i, p + i * EFS_BSIZE, k) != 0)
			return -1;
	}
	return 0;
}

static int flush(struct blk_dev *d)
{
	return d->flush != NULL ? d->flush(d) : 0;
}

/* Write header `seq` naming the first n blocks held in `copies` (already
   there) to its area. */
static int write_header(struct efs *e, uint32_t seq, uint32_t n, const uint32_t *home)
{
	memset(&header, 0, sizeof(header));
	header.magic = EFS_LOG_MAGIC;
	header.seq = seq;
	header.n = n;
	for (uint32_t i = 0; i < n; i++)
		header.home[i] = home[i];
	header.sum = efs_log_sum(&header, copies);
	return e->dev->write(e->dev, area_of(e, seq), &header, 1);
}

/* ---- replay, at mount ---- */

/* Read the header of area `a` into `h`: true if it is committed (its
   numbers make sense and its checksum matches its copies, read into
   `copies`). */
static bool read_committed(struct efs *e, int a, struct efs_log_header *h)
{
	struct blk_dev *d = e->dev;
	uint32_t block = e->log_start + a * EFS_LOG_AREA;
	if (d->read(d, block, h, 1) != 0 || h->magic != EFS_LOG_MAGIC || h->n > EFS_LOG_SLOTS)
		return false;
	for (uint32_t i = 0; i < h->n; i++)
		if (h->home[i] == 0 || h->home[i] >= e->sb.total_blocks)
			return false;
	for (uint32_t i = 0; i < h->n; i += MAX_IO) {
		int k = h->n - i < MAX_IO ? h->n - i : MAX_IO;
		if (d->read(d, block + 1 + i, copies + i * EFS_BSIZE, k) != 0)
			return false;
	}
	return efs_log_sum(h, copies) == h->sum;
}

/* Install the newest committed header, if any; 0 or -EIO. */
static int replay(struct efs *e)
{
	static struct efs_log_header h[2];
	bool ok0 = read_committed(e, 0, &h[0]);
	bool ok1 = read_committed(e, 1, &h[1]);
	int a = ok1 && (!ok0 || h[1].seq > h[0].seq) ? 1 : 0;
	if (!ok0 && !ok1)
		return 0; /* a new log */
	/* Area 1 was read last: `copies` holds what it read, even a torn
	   commit's copies. If area 0 is the one, read its copies again. */
	if (a == 0)
		read_committed(e, 0, &h[0]);
	e->log_seq = h[a].seq;
	if (h[a].n == 0)
		return 0;
	info("easy-fs: %s: replaying the log: commit %u, %u blocks", e->dev->name, h[a].seq,
	     h[a].n);
	/* Through the cache, which may hold some of these blocks already
	   (mount read the super block, and the blocks after it). */
	for (uint32_t i = 0; i < h[a].n; i++) {
		struct buf *b = bget(e->dev, h[a].home[i]);
		if (b == NULL)
			return -EIO;
		memcpy(b->data, copies + i * EFS_BSIZE, EFS_BSIZE);
		bdirty(b);
		brelse(b);
	}
	if (bcache_sync(e->dev) != 0 || write_header(e, h[a].seq, 0, NULL) != 0 ||
	    flush(e->dev) != 0)
		return -EIO;
	return 0;
}

int efs_log_mount(struct efs *e, const uint8_t *super_block)
{
	struct efs_log_super ls;
	memcpy(&ls, super_block + sizeof(struct efs_super), sizeof(ls));
	if (ls.magic != EFS_LOG_MAGIC) {
		info("easy-fs: %s: no log (an rCore image?): mounted without crash safety",
		     e->dev->name);
		return 0;
	}
	if (ls.start != e->sb.total_blocks || ls.blocks != EFS_LOG_BLOCKS ||
	    (uint64_t)ls.start + ls.blocks > e->dev->nsectors) {
		error(
		    "easy-fs: %s: bad log: blocks %u-%u (of %lu), %u blocks after the file system",
		    e->dev->name, ls.start, ls.start + ls.blocks, e->dev->nsectors,
		    e->sb.total_blocks);
		return -EIO;
	}
	e->log_start = ls.start;
	if (replay(e) != 0) {
		error("easy-fs: %s: replaying the log failed", e->dev->name);
		return -EIO;
	}
	e->logged = true;
	/* The ordered-data maps, one bit per data block each. */
	uint64_t bytes = ((uint64_t)e->sb.data_area_blocks + 7) / 8;
	uint64_t frames = (bytes + HAL_PAGE_SIZE - 1) / HAL_PAGE_SIZE;
	uint64_t pa = frame_alloc_contig(2 * frames);
	if (pa == 0) {
		info("easy-fs: %s: no memory for the ordered-data maps: data is logged too",
		     e->dev->name);
		return 0;
	}
	e->fresh = hal_phys_to_virt(pa);
	e->freed = e->fresh + frames * HAL_PAGE_SIZE;
	return 0;
}

/* ---- ops ---- */

void efs_begin_op(struct efs *e)
{
	e->log_ops++;
}

/* A commit made the fresh blocks reachable and the freed ones free:
   start both maps again, zeroing the freed blocks (straight home: no
   committed file reaches them now) and letting them be handed out. */
static void after_commit(struct efs *e)
{
	if (e->fresh == NULL)
		return;
	memset(e->fresh, 0, (e->fresh_hi + 7) / 8);
	e->fresh_hi = 0;
	e->fresh_logged = 0;
	e->fresh_home = false;
	for (uint32_t n = e->freed_lo; n < e->freed_hi; n++) {
		if (!bit_test(e->freed, n))
			continue;
		bit_clear(e->freed, n);
		struct buf *b = bget(e->dev, e->data_start + n);
		if (b == NULL)
			continue; /* left as it was: harmless, it is free */
		memset(b->data, 0, EFS_BSIZE);
		bdirty(b);
		brelse(b);
	}
	if (e->freed_hi > 0 && e->freed_lo < e->data_hint)
		e->data_hint = e->freed_lo;
	e->freed_lo = e->freed_hi = 0;
}

/* Commit the set if it changed: fresh blocks home first (if any were
   marked to go there), then the copies and the header, and a flush. */
static int commit(struct efs *e)
{
	static uint32_t home[EFS_LOG_SLOTS];
	if (!e->log_dirty)
		return 0;
	/* Fresh blocks marked to go home: on the disk before the header. */
	if (e->fresh_home && bcache_sync(e->dev) != 0) {
		error("easy-fs: %s: writing new data before the commit failed", e->dev->name);
		return -EIO;
	}
	for (uint32_t i = 0; i < e->log_n; i++) {
		memcpy(copies + i * EFS_BSIZE, e->log_bufs[i]->data, EFS_BSIZE);
		home[i] = e->log_bufs[i]->block;
	}
	uint32_t seq = e->log_seq + 1;
	if (write_blocks(e->dev, area_of(e, seq) + 1, copies, e->log_n) != 0 ||
	    write_header(e, seq, e->log_n, home) != 0 || flush(e->dev) != 0) {
		error("easy-fs: %s: writing the log failed", e->dev->name);
		return -EIO;
	}
	e->log_seq = seq;
	e->log_dirty = false;
	after_commit(e);
	return 0;
}

/* Commit, then write the set home and empty it. */
static int install(struct efs *e)
{
	int err = commit(e);
	if (err != 0)
		return err; /* the set stays held: nothing goes home uncommitted */
	for (uint32_t i = 0; i < e->log_n; i++) {
		bdirty(e->log_bufs[i]);
		brelse(e->log_bufs[i]);
	}
	e->log_n = 0;
	if (bcache_sync(e->dev) != 0 || write_header(e, e->log_seq, 0, NULL) != 0) {
		error("easy-fs: %s: installing the log failed", e->dev->name);
		return -EIO;
	}
	return 0;
}

void efs_end_op(struct efs *e)
{
	if (--e->log_ops > 0 || !e->logged)
		return;
	if (e->log_n + EFS_OP_MAX > EFS_LOG_SLOTS)
		install(e);
}

void efs_op_split(struct efs *e)
{
	if (e->log_ops != 1)
		return; /* inside another op: it must end first */
	efs_end_op(e);
	efs_begin_op(e);
}

void efs_log_write(struct efs *e, struct buf *b)
{
	if (!e->logged) {
		bdirty(b);
		return;
	}
	e->log_dirty = true;
	for (uint32_t i = 0; i < e->log_n; i++)
		if (e->log_bufs[i] == b)
			return;
	if (e->fresh != NULL && data_block_ok(e, b->block) &&
	    bit_test(e->fresh, b->block - e->data_start)) {
		if (e->fresh_logged >= FRESH_LOGGED || e->log_n == EFS_LOG_SLOTS) {
			bdirty(b); /* home before the commit (commit) */
			e->fresh_home = true;
			return;
		}
		e->fresh_logged++;
	}
	if (e->log_ops == 0 || e->log_n == EFS_LOG_SLOTS) {
		/* Cannot be: an op outside begin/end, or one that changes more
		   than EFS_OP_MAX blocks. Written the unsafe way, and said. */
		error("easy-fs: %s: block %lu changed outside the log (%s)", e->dev->name, b->block,
		      e->log_ops == 0 ? "no op" : "log full");
		bdirty(b);
		return;
	}
	struct buf *held = bget(e->dev, b->block); /* the same buffer, held again */
	if (held != b) {
		error("easy-fs: %s: block %lu: the cache gave another buffer", e->dev->name,
		      b->block);
		if (held != NULL)
			brelse(held);
		bdirty(b);
		return;
	}
	e->log_bufs[e->log_n++] = b;
}

int efs_log_checkpoint(struct efs *e)
{
	if (!e->logged || e->log_ops > 0 || e->log_n == 0)
		return 0;
	return install(e);
}

int efs_log_commit(struct efs *e)
{
	if (!e->logged || e->log_ops > 0)
		return bcache_sync(e->dev) == 0 ? 0 : -EIO;
	if (commit(e) != 0)
		return -EIO;
	return 0;
}

void efs_log_allocated(struct efs *e, uint32_t bit)
{
	if (e->fresh == NULL)
		return;
	if (bit < e->freed_hi && bit_test(e->freed, bit)) {
		bit_clear(e->freed, bit); /* taken back: not zeroed after the commit */
		return;
	}
	bit_set(e->fresh, bit);
	if (bit >= e->fresh_hi)
		e->fresh_hi = bit + 1;
}

bool efs_log_free_later(struct efs *e, uint32_t bit)
{
	if (e->fresh == NULL || (bit < e->fresh_hi && bit_test(e->fresh, bit)))
		return false;
	bit_set(e->freed, bit);
	if (e->freed_hi == 0 || bit < e->freed_lo)
		e->freed_lo = bit;
	if (bit >= e->freed_hi)
		e->freed_hi = bit + 1;
	return true;
}
