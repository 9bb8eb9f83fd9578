/*
 * virtio_blk.c - the virtio block device driver (polled).
 *
 * A request is a chain of three buffers: a header the device reads (what
 * to do, which sector), the data, and a status byte the device writes.
 * We submit one request at a time and poll the queue until the device
 * has answered; chapter 9 waits for the interrupt instead.
 */
#include "drivers/blk.h"
#include "drivers/virtio.h"

#define VIRTIO_BLK_F_RO (1ULL << 5) /* the disk is read-only */

#define VIRTIO_BLK_T_IN 0  /* read */
#define VIRTIO_BLK_T_OUT 1 /* write */

#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_CONFIG_CAPACITY 0 /* u64, in 512-byte sectors */

#define MAX_DISKS 4
#define MAX_REQUEST_SECTORS 128 /* bigger transfers are split */

struct blk_req_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

struct vblk {
	struct blk_dev blk;
	struct virtio_dev *dev;
	struct virtq q;
	bool read_only;
	/* what the device reads and writes besides the data: static
	   memory, so it has a physical address */
	struct blk_req_header header;
	volatile uint8_t status;
};

static struct vblk disks[MAX_DISKS];
static int ndisks;

/* One request of at most MAX_REQUEST_SECTORS; 0 or -1. */
static int request(struct vblk *v, int type, uint64_t sector, void *buf, int count)
{
	v->header.type = (uint32_t)type;
	v->header.reserved = 0;
	v->header.sector = sector;
	v->status = 0xff;
	struct virtq_buf bufs[3] = {
	    {&v->header, sizeof(v->header), false},
	    {buf, (uint32_t)count * SECTOR_SIZE, type == VIRTIO_BLK_T_IN},
	    {(void *)&v->status, 1, true},
	};
	int head = virtq_submit(&v->q, bufs, 3);
	if (head < 0) {
		error("%s: no free descriptors", v->blk.name);
		return -1;
	}
	if (virtq_wait(&v->q, head, NULL) != 0)
		return -1;
	if (v->status != VIRTIO_BLK_S_OK) {
		error("%s: %s of %d sectors at %lu failed (status %d)", v->blk.name,
		      type == VIRTIO_BLK_T_IN ? "read" : "write", count, sector, v->status);
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

static int vblk_write(struct blk_dev *b, uint64_t sector, const void *buf, int count)
{
	return transfer(b, VIRTIO_BLK_T_OUT, sector, (void *)buf, count);
}

int virtio_blk_init(struct virtio_dev *d)
{
	if (ndisks == MAX_DISKS) {
		warn("%s: more than %d disks, ignored", d->name, MAX_DISKS);
		return -1;
	}
	struct vblk *v = &disks[ndisks];
	if (virtio_start(d, VIRTIO_BLK_F_RO) != 0)
		return -1;
	if (virtq_init(&v->q, d, 0) != 0) {
		virtio_fail(d);
		return -1;
	}
	if (virtio_ready(d) != 0)
		return -1;
	v->dev = d;
	v->read_only = (d->features & VIRTIO_BLK_F_RO) != 0;
	snprintf(v->blk.name, sizeof(v->blk.name), "vd%c", 'a' + ndisks);
	v->blk.nsectors = virtio_config_read(d, VIRTIO_BLK_CONFIG_CAPACITY, 8);
	v->blk.read = vblk_read;
	v->blk.write = vblk_write;
	v->blk.priv = v;
	ndisks++;
	info("virtio-blk: %s is %s%s", v->blk.name, d->name, v->read_only ? " (read-only)" : "");
	blk_register(&v->blk);
	return 0;
}
