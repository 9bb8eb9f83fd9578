/*
 * virtio.c - the virtio driver core: the status handshake, feature
 * negotiation and split virtqueues, for any transport (virtio_mmio.c,
 * virtio_pci.c) and any device type (virtio_blk.c, ...).
 *
 * A virtqueue is a ring of descriptors the driver and the device share in
 * memory: the driver links buffers into a chain of descriptors, puts the
 * chain's head in the avail ring and notifies the device; the device
 * processes the chain and puts its head in the used ring. hal_mb() orders
 * our writes to the rings before what tells the device about them, and
 * the device's writes before our reads.
 */
#include "drivers/virtio.h"
#include "irq.h"
#include "task/task.h"

#define MAX_VIRTIO_DEVS 8
#define MAX_VIRTQS 8
#define RING_ALIGN 4096 /* where the used ring starts (legacy devices fix it) */

static struct virtio_dev devs[MAX_VIRTIO_DEVS];
static int ndevs;

/* The rings of every queue (see struct virtq); static memory is
   physically contiguous, so a device can be given its physical address. */
static uint8_t rings[MAX_VIRTQS][2 * RING_ALIGN] __attribute__((aligned(RING_ALIGN)));
static int nrings;

struct virtio_dev *virtio_dev_alloc(void)
{
	if (ndevs == MAX_VIRTIO_DEVS) {
		warn("virtio: more than %d devices, ignoring the rest", MAX_VIRTIO_DEVS);
		return NULL;
	}
	struct virtio_dev *d = &devs[ndevs++];
	memset(d, 0, sizeof(*d));
	d->irq = -1;
	return d;
}

const char *virtio_type_name(int type)
{
	switch (type) {
	case VIRTIO_ID_NET:
		return "virtio-net";
	case VIRTIO_ID_BLOCK:
		return "virtio-blk";
	case VIRTIO_ID_CONSOLE:
		return "virtio-console";
	case VIRTIO_ID_RNG:
		return "virtio-rng";
	case VIRTIO_ID_GPU:
		return "virtio-gpu";
	case VIRTIO_ID_INPUT:
		return "virtio-input";
	default:
		return "virtio (unknown type)";
	}
}

void virtio_fail(struct virtio_dev *d)
{
	d->t->set_status(d, d->t->get_status(d) | VIRTIO_STATUS_FAILED);
}

int virtio_start(struct virtio_dev *d, uint64_t wanted)
{
	/* Reset; a modern device says it is done by reading back 0. */
	d->t->set_status(d, 0);
	for (int i = 0; i < 1000000 && d->t->get_status(d) != 0; i++)
		;
	if (d->t->get_status(d) != 0) {
		error("%s: the device does not reset", d->name);
		return -1;
	}
	uint8_t status = VIRTIO_STATUS_ACKNOWLEDGE;
	d->t->set_status(d, status);
	status |= VIRTIO_STATUS_DRIVER;
	d->t->set_status(d, status);

	uint64_t offered = d->t->get_features(d);
	if (!d->legacy)
		wanted |= VIRTIO_F_VERSION_1;
	d->features = offered & wanted;
	debug("%s: device offers features %lx, we take %lx", d->name, offered, d->features);
	if (!d->legacy && !(d->features & VIRTIO_F_VERSION_1)) {
		error("%s: modern interface without VIRTIO_F_VERSION_1", d->name);
		virtio_fail(d);
		return -1;
	}
	d->t->set_features(d, d->features);
	if (d->legacy)
		return 0; /* legacy devices have no FEATURES_OK step */
	status |= VIRTIO_STATUS_FEATURES_OK;
	d->t->set_status(d, status);
	if (!(d->t->get_status(d) & VIRTIO_STATUS_FEATURES_OK)) {
		error("%s: the device refuses features %lx", d->name, d->features);
		virtio_fail(d);
		return -1;
	}
	return 0;
}

int virtio_ready(struct virtio_dev *d)
{
	d->t->set_status(d, d->t->get_status(d) | VIRTIO_STATUS_DRIVER_OK);
	if (d->t->get_status(d) & VIRTIO_STATUS_FAILED) {
		error("%s: the device failed during set-up", d->name);
		return -1;
	}
	return 0;
}

/* Fields wider than 4 bytes are read in halves; a modern device may
   change its configuration meanwhile, so read until the generation
   counter stays the same. */
uint64_t virtio_config_read(struct virtio_dev *d, int off, int size)
{
	if (size <= 4)
		return d->t->config_read(d, off, size);
	uint32_t gen;
	uint64_t v;
	do {
		gen = d->t->config_generation(d);
		v = d->t->config_read(d, off, 4);
		v |= (uint64_t)d->t->config_read(d, off + 4, 4) << 32;
	} while (gen != d->t->config_generation(d));
	return v;
}

int virtq_init(struct virtq *q, struct virtio_dev *d, int index)
{
	int max = d->t->queue_max(d, index);
	if (max <= 0) {
		error("%s: no queue %d", d->name, index);
		return -1;
	}
	if (nrings == MAX_VIRTQS) {
		error("%s: out of virtqueue memory (%d queues in use)", d->name, MAX_VIRTQS);
		return -1;
	}
	int size = VIRTQ_MAX_SIZE;
	while (size > max)
		size /= 2;
	uint8_t *mem = rings[nrings++];
	memset(mem, 0, 2 * RING_ALIGN);
	q->dev = d;
	q->index = index;
	q->size = (uint16_t)size;
	q->desc = (volatile struct virtq_desc *)mem;
	q->avail = (volatile struct virtq_avail *)(mem + size * sizeof(struct virtq_desc));
	q->used = (volatile struct virtq_used *)(mem + RING_ALIGN);
	/* All descriptors on the free list, linked through `next`. */
	for (int i = 0; i < size; i++)
		q->desc[i].next = (uint16_t)(i + 1);
	q->free_head = 0;
	q->nfree = (uint16_t)size;
	q->last_used = 0;
	memset(q->busy, 0, sizeof(q->busy));
	/* The drivers poll (chapter 9 turns interrupts on). */
	q->avail->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
	if (d->t->queue_setup(d, q) != 0) {
		error("%s: cannot set up queue %d", d->name, index);
		return -1;
	}
	debug("%s: queue %d, %d entries at physical %lx", d->name, index, size,
	      hal_virt_to_phys(mem));
	return 0;
}

void virtq_intr_on(struct virtq *q)
{
	q->avail->flags = 0;
	hal_mb();
}

int virtq_submit(struct virtq *q, const struct virtq_buf *bufs, int n)
{
	if (n < 1 || n > q->nfree)
		return -1;
	int head = q->free_head;
	int i = head;
	for (int k = 0; k < n; k++) {
		volatile struct virtq_desc *desc = &q->desc[i];
		desc->addr = hal_virt_to_phys(bufs[k].addr);
		desc->len = bufs[k].len;
		desc->flags = (uint16_t)((bufs[k].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
					 (k + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
		i = desc->next;
	}
	q->free_head = (uint16_t)i;
	q->nfree = (uint16_t)(q->nfree - n);
	q->busy[head] = true;

	uint16_t idx = q->avail->idx;
	q->avail->ring[idx % q->size] = (uint16_t)head;
	hal_mb(); /* the chain and its ring entry before the new index */
	q->avail->idx = (uint16_t)(idx + 1);
	hal_mb(); /* the new index before the notification */
	q->dev->t->notify(q->dev, q);
	return head;
}

/* Put the chain starting at `head` back on the free list. */
static void free_chain(struct virtq *q, int head)
{
	int i = head, n = 1;
	while (q->desc[i].flags & VIRTQ_DESC_F_NEXT) {
		i = q->desc[i].next;
		n++;
	}
	q->desc[i].next = q->free_head;
	q->free_head = (uint16_t)head;
	q->nfree = (uint16_t)(q->nfree + n);
}

int virtq_poll(struct virtq *q, uint32_t *len)
{
	if (q->used->idx == q->last_used)
		return -1;
	hal_mb(); /* read the entry only after seeing the index move */
	volatile struct virtq_used_elem *e = &q->used->ring[q->last_used % q->size];
	int head = (int)e->id;
	if (len != NULL)
		*len = e->len;
	q->last_used++;
	if (head < 0 || head >= q->size || !q->busy[head]) {
		error("%s: the device returned descriptor %d, which it does not have", q->dev->name,
		      head);
		return -1;
	}
	q->busy[head] = false;
	free_chain(q, head);
	return head;
}

/* How long virtq_wait waits: 5 s of hal_time(), or a fixed number of
   polls if the timer is not set up. */
#define WAIT_SECONDS 5
#define WAIT_POLLS 200000000UL

int virtq_wait(struct virtq *q, int head, uint32_t *len)
{
	uint64_t freq = hal_time_freq();
	uint64_t deadline = hal_time() + WAIT_SECONDS * freq;
	for (uint64_t n = 0;; n++) {
		int done = virtq_poll(q, len);
		if (done == head)
			return 0;
		if (done >= 0)
			warn("%s: queue %d: unexpected completion of %d", q->dev->name, q->index,
			     done);
		if (freq ? hal_time() > deadline : n > WAIT_POLLS)
			break;
		if (current_thread() != NULL)
			irq_count_busy_wait();
	}
	error("%s: queue %d: no answer from the device", q->dev->name, q->index);
	return -1;
}
