/*
 * virtio_blk.c - the virtio block device driver.
 *
 * A request is a chain of three buffers: a header the device reads (what
 * to do, which sector), the data, and a status byte the device writes.
 * Each request in flight has a slot of its own (header, status, and a
 * wait queue), so several threads can have requests at the device at
 * once. From chapter 9 the device interrupts when it finishes one: the
 * requesting thread sleeps until its slot is done, and the CPU runs
 * someone else meanwhile. Before (and at boot, before any thread runs)
 * the driver polls the queue. A request the device never answers fails
 * with an error after REQUEST_SECONDS instead of hanging its thread; the
 * disk is then taken for dead and later requests fail at once.
 *
 * FAULT=disk (a build knob, for the tests) loses the first write after
 * boot on its way: it is never given to the device, which therefore never
 * answers, as a dead disk would. (QEMU's virtio-blk itself answers every
 * request it can parse; one it cannot, it answers with an error status,
 * or reads unmapped memory as zeros: it cannot be made to stay silent.)
 */
#include "drivers/blk.h"
#include "drivers/virtio.h"
#include "task/task.h"
#include "irq.h"

#define VIRTIO_BLK_F_RO (1ULL << 5)    /* the disk is read-only */
#define VIRTIO_BLK_F_FLUSH (1ULL << 9) /* the device caches writes until a flush */

#define VIRTIO_BLK_T_IN 0    /* read */
#define VIRTIO_BLK_T_OUT 1   /* write */
#define VIRTIO_BLK_T_FLUSH 4 /* make every write answered so far durable */

#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_CONFIG_CAPACITY 0 /* u64, in 512-byte sectors */

#define MAX_DISKS 4
#define MAX_REQUEST_SECTORS 128	   /* bigger transfers are split */
#define SLOTS (VIRTQ_MAX_SIZE / 3) /* requests in flight: 3 descriptors each */
#define REQUEST_SECONDS 5	   /* how long a request may take */

struct blk_req_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

/* One request in flight. What the device reads and writes besides the
   data lives here, in static memory, so it has a physical address. */
struct slot {
	struct blk_req_header header;
	volatile uint8_t status;
	bool in_use;
	bool done;    /* the device answered */
	bool lost;    /* its thread gave up waiting; freed when the device answers */
	bool awaited; /* counted in irq_expect() */
	int count;    /* sectors */
	struct waitq wait;
	/* A request nobody waits for (blk start): called when it is done. */
	void (*done_fn)(void *arg, int err);
	void *done_arg;
	uint64_t deadline; /* hal_time() by which the device must answer */
};

struct vblk {
	struct blk_dev blk;
	struct virtio_dev *dev;
	struct virtq q;
	bool read_only;
	bool use_irq; /* the device interrupts (chapter 9) */
	struct slot slots[SLOTS];
	int slot_of[VIRTQ_MAX_SIZE]; /* chain head -> slot */
	struct waitq room;	     /* threads waiting for a free slot */
	int lost;		     /* requests the device never answered */
	int in_flight;		     /* requests at the device now */
	bool dead;		     /* it stopped answering: fail every request */
	bool faulted;		     /* FAULT=disk: the lost request went out */
	bool unflushed;		     /* written since the last flush */
	int started;		     /* requests from start() not answered yet */
	struct waitq drained;	     /* drain() waits for them */
};

static struct vblk disks[MAX_DISKS];
static int ndisks;

static const char *kind(int type)
{
	return type == VIRTIO_BLK_T_IN ? "read" : type == VIRTIO_BLK_T_OUT ? "write" : "flush";
}

/* Take the finished chains off the used ring and mark their slots done. */
static void reap(struct vblk *v)
{
	int head;
	while ((head = virtq_poll(&v->q, NULL)) >= 0) {
		struct slot *s = &v->slots[v->slot_of[head]];
		s->done = true;
		v->in_flight--;
		if (s->header.type == VIRTIO_BLK_T_OUT)
			v->unflushed = true; /* answered: the next flush must cover it (not one
						that started while it was at the device) */
		if (s->awaited) {
			s->awaited = false;
			irq_expect(-1);
		}
		if (s->done_fn != NULL) {
			void (*fn)(void *, int) = s->done_fn;
			int err = s->status == VIRTIO_BLK_S_OK ? 0 : BLK_FAILED;
			if (err != 0)
				error("%s: %s of %d sectors at %lu failed (status %d)", v->blk.name,
				      kind(s->header.type), s->count, s->header.sector, s->status);
			s->done_fn = NULL;
			s->in_use = false;
			v->started--;
			wait_wake_one(&v->room);
			if (v->started == 0) /* drain() waits for the last one */
				wait_wake_all(&v->drained);
			fn(s->done_arg, err);
		} else if (s->lost) {
			s->in_use = false;
			wait_wake_one(&v->room);
		} else {
			wait_wake_all(&s->wait);
		}
	}
}

/* The device's interrupt: acknowledge it, wake the threads whose requests
   are done. */
static void vblk_intr(void *arg)
{
	struct vblk *v = arg;
	if (v->dev->t->ack_interrupt(v->dev) != 0)
		reap(v);
}

/* May this request sleep until the interrupt? Not at boot (no thread
   yet) and not without an interrupt. */
static bool can_sleep(struct vblk *v)
{
	return v->use_irq && current_thread() != NULL;
}

/* A free slot, taken; NULL if all are in use. */
static struct slot *slot_take(struct vblk *v)
{
	for (int i = 0; i < SLOTS; i++)
		if (!v->slots[i].in_use) {
			struct slot *s = &v->slots[i];
			s->in_use = true;
			s->done = false;
			s->lost = false;
			s->done_fn = NULL;
			return s;
		}
	return NULL;
}

/* A free slot, waiting for one if the caller may sleep. */
static struct slot *slot_get(struct vblk *v)
{
	struct slot *s;
	while ((s = slot_take(v)) == NULL && can_sleep(v))
		wait_sleep(&v->room);
	return s;
}

static void slot_put(struct vblk *v, struct slot *s)
{
	s->in_use = false;
	wait_wake_one(&v->room);
}

/* Wait for slot `s`: sleep until the interrupt, or poll. 0, or -1 if the
   device did not answer in time. */
static int await(struct vblk *v, struct slot *s)
{
	uint64_t deadline = hal_time() + REQUEST_SECONDS * hal_time_freq();
	while (!s->done) {
		if (can_sleep(v)) {
			clock_wait_until(&s->wait, deadline);
		} else {
			reap(v);
			if (!s->done && current_thread() != NULL)
				irq_count_busy_wait();
		}
		if (!s->done && hal_time() >= deadline)
			return -1;
	}
	return 0;
}

static void count_request(struct diskstat *st, int type, int count)
{
	if (type == VIRTIO_BLK_T_IN) {
		st->reads++;
		st->sectors_read += (uint64_t)count;
	} else if (type == VIRTIO_BLK_T_OUT) {
		st->writes++;
		st->sectors_written += (uint64_t)count;
	} else {
		st->flushes++;
	}
}

/* Put slot s's request on the ring: `count` (at most MAX_REQUEST_SECTORS)
   sectors at `sector`. 0, or -1 with the slot given back. */
static int submit(struct vblk *v, struct slot *s, int type, uint64_t sector, void *buf, int count)
{
	s->header.type = (uint32_t)type;
	s->header.reserved = 0;
	s->header.sector = sector;
	s->count = count;
	s->status = 0xff;
	s->deadline = hal_time() + REQUEST_SECONDS * hal_time_freq();
	struct virtq_buf bufs[3] = {
	    {&s->header, sizeof(s->header), false},
	    {buf, (uint32_t)count * SECTOR_SIZE, type == VIRTIO_BLK_T_IN},
	    {(void *)&s->status, 1, true},
	};
	int nbufs = 3;
	if (count == 0) { /* a flush: no data */
		bufs[1] = bufs[2];
		nbufs = 2;
	}
	if (FAULT_DISK && type == VIRTIO_BLK_T_OUT && current_thread() != NULL && !v->faulted) {
		/* the request is lost on its way: the device never hears of it */
		v->faulted = true;
		warn("%s: FAULT=disk: this write never reaches the device", v->blk.name);
		return 0;
	}
	int head = virtq_submit(&v->q, bufs, nbufs);
	if (head < 0) {
		error("%s: no free descriptors", v->blk.name);
		s->done_fn = NULL;
		slot_put(v, s);
		return -1;
	}
	v->slot_of[head] = (int)(s - v->slots);
	count_request(&v->blk.stat, type, count);
	irq_note_disk_in_flight(++v->in_flight);
	if (v->use_irq) {
		s->awaited = true;
		irq_expect(1);
	}
	return 0;
}

/* One request of at most MAX_REQUEST_SECTORS; 0 or -1. */
static int request(struct vblk *v, int type, uint64_t sector, void *buf, int count)
{
	if (v->dead)
		return -1;
	struct slot *s = slot_get(v);
	if (s == NULL) {
		error("%s: no free request slot", v->blk.name);
		return -1;
	}
	if (submit(v, s, type, sector, buf, count) != 0)
		return -1;
	if (await(v, s) != 0) {
		/* The slot stays taken until the device answers, if ever: its
		   header and status are still the device's. */
		s->lost = true;
		if (s->awaited) {
			s->awaited = false;
			irq_expect(-1); /* not soon, if ever */
		}
		v->lost++;
		v->dead = true;
		error("%s: %s of %d sectors at %lu: no answer from the device in %d s; the disk is "
		      "taken for dead, its requests fail from now on",
		      v->blk.name, kind(type), count, sector, REQUEST_SECONDS);
		return -1;
	}
	int status = s->status;
	slot_put(v, s);
	if (status != VIRTIO_BLK_S_OK) {
		error("%s: %s of %d sectors at %lu failed (status %d)", v->blk.name, kind(type),
		      count, sector, status);
		return -1;
	}
	return 0;
}

/* Check a request against the disk, then split it into device requests. */
static int transfer(struct blk_dev *b, int type, uint64_t sector, void *buf, int count)
{
	struct vblk *v = b->priv;
	if (count < 0 || sector > b->nsectors || (uint64_t)count > b->nsectors - sector) {
		error("%s: sectors %lu..+%d are outside the disk (%lu sectors)", b->name, sector,
		      count, b->nsectors);
		return -1;
	}
	if (type == VIRTIO_BLK_T_OUT && v->read_only) {
		error("%s: the disk is read-only", b->name);
		return -1;
	}
	while (count > 0) {
		int n = count < MAX_REQUEST_SECTORS ? count : MAX_REQUEST_SECTORS;
		if (request(v, type, sector, buf, n) != 0)
			return -1;
		sector += n;
		buf = (uint8_t *)buf + n * SECTOR_SIZE;
		count -= n;
	}
	return 0;
}

static int vblk_read(struct blk_dev *b, uint64_t sector, void *buf, int count)
{
	return transfer(b, VIRTIO_BLK_T_IN, sector, buf, count);
}

/* Start a request nobody waits for (read-ahead, write-back): done(arg,
   err) runs from the interrupt handler when the device answers. Only
   where the device interrupts and a free slot is at hand; -1 otherwise. */
static int vblk_start(struct blk_dev *b, bool write, uint64_t sector, void *buf, int count,
		      void (*done)(void *arg, int err), void *arg)
{
	struct vblk *v = b->priv;
	if (!can_sleep(v) || v->dead || (write && v->read_only) || count < 1 ||
	    count > MAX_REQUEST_SECTORS || sector > b->nsectors ||
	    (uint64_t)count > b->nsectors - sector)
		return -1;
	struct slot *s = slot_take(v);
	if (s == NULL)
		return -1;
	s->done_fn = done;
	s->done_arg = arg;
	if (submit(v, s, write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN, sector, buf, count) != 0)
		return -1;
	v->started++;
	return 0;
}

/* The started requests past their deadline: lost. The disk is dead. */
static void expire(struct vblk *v)
{
	for (int i = 0; i < SLOTS; i++) {
		struct slot *s = &v->slots[i];
		if (!s->in_use || s->done_fn == NULL || hal_time() < s->deadline)
			continue;
		void (*fn)(void *, int) = s->done_fn;
		s->done_fn = NULL;
		s->lost = true; /* the slot is freed if the device answers one day */
		if (s->awaited) {
			s->awaited = false;
			irq_expect(-1);
		}
		v->started--;
		v->lost++;
		v->dead = true;
		error("%s: %s of %d sectors at %lu: no answer from the device in %d s; the disk is "
		      "taken for dead, its requests fail from now on",
		      v->blk.name, kind(s->header.type), s->count, s->header.sector,
		      REQUEST_SECONDS);
		fn(s->done_arg, BLK_LOST);
	}
}

static int vblk_drain(struct blk_dev *b)
{
	struct vblk *v = b->priv;
	while (v->started > 0) {
		uint64_t first = UINT64_MAX;
		for (int i = 0; i < SLOTS; i++)
			if (v->slots[i].in_use && v->slots[i].done_fn != NULL &&
			    v->slots[i].deadline < first)
				first = v->slots[i].deadline;
		if (first == UINT64_MAX)
			break;
		if (clock_wait_until(&v->drained, first) != 0) {
			expire(v);
			return -1;
		}
	}
	return 0;
}

static int vblk_write(struct blk_dev *b, uint64_t sector, const void *buf, int count)
{
	return transfer(b, VIRTIO_BLK_T_OUT, sector, (void *)buf, count);
}

/* The device keeps written sectors in a cache (VIRTIO_BLK_F_FLUSH; under
   QEMU, the host's page cache): a flush answers once every write answered
   before it is on the disk. */
static int vblk_flush(struct blk_dev *b)
{
	struct vblk *v = b->priv;
	if (!v->unflushed)
		return 0;
	v->unflushed = false;
	if (request(v, VIRTIO_BLK_T_FLUSH, 0, NULL, 0) != 0) {
		v->unflushed = true;
		return -1;
	}
	return 0;
}

int virtio_blk_init(struct virtio_dev *d)
{
	if (ndisks == MAX_DISKS) {
		warn("%s: more than %d disks, ignored", d->name, MAX_DISKS);
		return -1;
	}
	struct vblk *v = &disks[ndisks];
	snprintf(v->blk.name, sizeof(v->blk.name), "vd%c", 'a' + ndisks);
	if (virtio_start(d, VIRTIO_BLK_F_RO | VIRTIO_BLK_F_FLUSH) != 0)
		return -1;
	if (virtq_init(&v->q, d, 0) != 0) {
		virtio_fail(d);
		return -1;
	}
	if (virtio_ready(d) != 0)
		return -1;
	v->dev = d;
	if (irq_ready() && d->irq >= 0) {
		virtq_intr_on(&v->q);
		v->use_irq = irq_register(d->irq, vblk_intr, v, v->blk.name) == 0;
	}
	v->read_only = (d->features & VIRTIO_BLK_F_RO) != 0;
	v->blk.nsectors = virtio_config_read(d, VIRTIO_BLK_CONFIG_CAPACITY, 8);
	v->blk.read = vblk_read;
	v->blk.write = vblk_write;
	if (v->use_irq) { /* requests nobody waits for need the interrupt */
		v->blk.start = vblk_start;
		v->blk.drain = vblk_drain;
	}
	if (d->features & VIRTIO_BLK_F_FLUSH)
		v->blk.flush = vblk_flush;
	v->blk.priv = v;
	strncpy_safe(v->blk.stat.name, v->blk.name, sizeof(v->blk.stat.name));
	v->blk.stat.sectors = v->blk.nsectors;
	ndisks++;
	info("virtio-blk: %s is %s%s, %s, %s", v->blk.name, d->name,
	     v->read_only ? " (read-only)" : "", v->use_irq ? "interrupt-driven" : "polled",
	     v->blk.flush != NULL ? "write cache flushed on sync" : "writes go through");
	blk_register(&v->blk);
	return 0;
}
