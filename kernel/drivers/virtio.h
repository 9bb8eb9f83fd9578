/*
 * virtio.h - virtio devices: the driver core (status handshake, feature
 * negotiation, split virtqueues) shared by every virtio driver, and the
 * two transports it runs over (virtio-mmio and virtio-pci).
 *
 * A transport finds a device and fills in a struct virtio_dev; a device
 * driver (virtio-blk, ...) then calls virtio_start() and uses virtqueues.
 * Everything is little-endian, which all our CPUs are.
 */
#ifndef VIRTIO_H
#define VIRTIO_H

#include "lib/lib.h"

/* Device types (the virtio "device id"). */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG 4
#define VIRTIO_ID_GPU 16
#define VIRTIO_ID_INPUT 18

/* Device status bits, set one by one during the handshake. */
#define VIRTIO_STATUS_ACKNOWLEDGE 1 /* the driver saw the device */
#define VIRTIO_STATUS_DRIVER 2	    /* ... and knows how to drive it */
#define VIRTIO_STATUS_DRIVER_OK 4   /* ... and set it up: go */
#define VIRTIO_STATUS_FEATURES_OK 8 /* features agreed (not in legacy devices) */
#define VIRTIO_STATUS_FAILED 128    /* the driver gave up */

/* Feature bits of every device type. */
#define VIRTIO_F_VERSION_1 (1ULL << 32) /* a modern (virtio 1.0+) device */

/* A descriptor: one buffer of a request. */
struct virtq_desc {
	uint64_t addr; /* physical address */
	uint32_t len;
	uint16_t flags;
	uint16_t next; /* the next descriptor of the chain, if VIRTQ_DESC_F_NEXT */
};
#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2 /* the device writes this buffer (else reads it) */

/* The driver's ring: heads of chains offered to the device. */
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1 /* in flags: we poll, do not interrupt */
struct virtq_avail {
	uint16_t flags;
	uint16_t idx; /* where the driver puts the next entry (mod size) */
	uint16_t ring[];
};

/* The device's ring: chains it is done with. */
struct virtq_used_elem {
	uint32_t id;  /* head of the chain */
	uint32_t len; /* bytes the device wrote */
};
struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[];
};

/* The largest queue we set up (the device may want fewer); at most 128,
   or the rings no longer fit the 8 KiB layout below. */
#define VIRTQ_MAX_SIZE 128

struct virtio_dev;

/* A split virtqueue. Its rings live in one 8 KiB block of static memory:
   descriptors and driver ring in the first 4 KiB, device ring in the
   second (the layout legacy devices want). */
struct virtq {
	struct virtio_dev *dev;
	int index;	/* queue number within the device */
	uint16_t size;	/* number of descriptors (a power of 2) */
	uint16_t nfree; /* descriptors not in any chain */
	uint16_t free_head;
	uint16_t last_used; /* used->idx we have seen up to */
	volatile struct virtq_desc *desc;
	volatile struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint16_t notify_off;	   /* virtio-pci: where to notify this queue */
	bool busy[VIRTQ_MAX_SIZE]; /* heads of the chains the device has */
};

/* One buffer of a request, for virtq_submit(). */
struct virtq_buf {
	void *addr; /* kernel address, physically contiguous */
	uint32_t len;
	bool device_writes; /* the device fills it (else it reads it) */
};

/* What a transport does; the core calls these. */
struct virtio_transport {
	uint8_t (*get_status)(struct virtio_dev *d);
	void (*set_status)(struct virtio_dev *d, uint8_t status);
	uint64_t (*get_features)(struct virtio_dev *d);
	void (*set_features)(struct virtio_dev *d, uint64_t features);
	/* Largest size of queue `index`, 0 if the device has no such queue. */
	int (*queue_max)(struct virtio_dev *d, int index);
	/* Tell the device where the rings of `q` are and enable it. */
	int (*queue_setup)(struct virtio_dev *d, struct virtq *q);
	void (*notify)(struct virtio_dev *d, struct virtq *q);
	/* Read `size` (1, 2 or 4) bytes of the device configuration at `off`;
	   write one byte there (a question to the device: virtio-input). */
	uint32_t (*config_read)(struct virtio_dev *d, int off, int size);
	void (*config_write8)(struct virtio_dev *d, int off, uint8_t v);
	/* A counter that changes whenever the configuration changes (0 if
	   the transport has none). */
	uint32_t (*config_generation)(struct virtio_dev *d);
	/* Read and acknowledge the interrupt status (VIRTIO_ISR_*), which
	   lowers the device's interrupt line; 0: the interrupt on a shared
	   line was not ours. */
	uint32_t (*ack_interrupt)(struct virtio_dev *d);
};
#define VIRTIO_ISR_QUEUE 1  /* a queue has new used entries */
#define VIRTIO_ISR_CONFIG 2 /* the configuration changed */

/* A virtio device, as a transport found it. */
struct virtio_dev {
	char name[32];	   /* "virtio-mmio@10008000", "pci 00:01.0" */
	int type;	   /* VIRTIO_ID_* */
	bool legacy;	   /* a virtio 0.9 (legacy) interface */
	int irq;	   /* interrupt line, -1 if unknown */
	uint64_t features; /* what was agreed */
	const struct virtio_transport *t;
	/* virtio-mmio */
	volatile uint8_t *mmio;
	/* virtio-pci: the regions of the capabilities */
	volatile uint8_t *common, *notify, *isr, *config;
	uint32_t notify_mult, notify_len;
};

/* Name of a device type ("virtio-blk"). */
const char *virtio_type_name(int type);

/*
 * The handshake: reset the device, acknowledge it, agree on features
 * (what the device offers of `wanted`; VIRTIO_F_VERSION_1 is always taken
 * from a modern device). Then set up queues with virtq_init(), and finish
 * with virtio_ready(). -1 with a message if the device refuses.
 */
int virtio_start(struct virtio_dev *d, uint64_t wanted);
int virtio_ready(struct virtio_dev *d);
/* Mark the device failed (after an error during set-up). */
void virtio_fail(struct virtio_dev *d);

/* Read 1, 2, 4 or 8 bytes of device configuration. */
uint64_t virtio_config_read(struct virtio_dev *d, int off, int size);

/* Set up queue `index` of `d` in `q`; -1 if the device lacks it. */
int virtq_init(struct virtq *q, struct virtio_dev *d, int index);

/* Offer a chain of `n` buffers to the device and notify it; returns the
   chain's head (an id for virtq_wait), -1 if not enough descriptors. */
int virtq_submit(struct virtq *q, const struct virtq_buf *bufs, int n);

/* The head of a chain the device finished (its chain is freed and *len
   set to the bytes written), or -1 if none has finished yet. */
int virtq_poll(struct virtq *q, uint32_t *len);

/* Poll until chain `head` is finished; 0, or -1 after a few seconds
   without an answer. For boot, and for drivers without an interrupt;
   each loop after boot counts as a busy wait (irqstat). */
int virtq_wait(struct virtq *q, int head, uint32_t *len);

/* Ask the device to interrupt when it puts a chain in the used ring
   (a driver that sleeps until then, chapter 9). */
void virtq_intr_on(struct virtq *q);

/* ---- transports ---- */

/* A zeroed device from a small static pool; NULL (with a message) when
   there are too many. */
struct virtio_dev *virtio_dev_alloc(void);

/* virtio_mmio.c: the device whose registers are at physical `pa` (from a
   "virtio,mmio" device tree node); NULL if the slot is empty or broken. */
struct virtio_dev *virtio_mmio_probe(uint64_t pa, uint64_t size, int irq);

struct pci_dev;
/* virtio_pci.c: the modern interface of a virtio PCI function; NULL if it
   has none. */
struct virtio_dev *virtio_pci_probe(struct pci_dev *p);

/* ---- device drivers ---- */

/* virtio_blk.c: take a block device; 0, or -1 if it cannot be used. */
int virtio_blk_init(struct virtio_dev *d);
/* virtio_input.c: take a keyboard, mouse or tablet (chapter 9: it needs
   its interrupt); 0, or -1. */
int virtio_input_init(struct virtio_dev *d);
/* virtio_gpu.c (chapter 9): take a display; 0, or -1 if it cannot be used. */
int virtio_gpu_init(struct virtio_dev *d);
/* virtio_net.c (chapter 9): take a network card (it needs its
   interrupt); 0, or -1. */
int virtio_net_init(struct virtio_dev *d);

#endif
