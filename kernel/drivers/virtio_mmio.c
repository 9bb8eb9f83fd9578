/*
 * virtio_mmio.c - the virtio-mmio transport: a device is a block of 32-bit
 * registers at an address the device tree gives. Two register layouts:
 * version 1 (legacy: one page-number register per queue, QEMU's default)
 * and version 2 (a 64-bit address per ring, as virtio 1.0 wants).
 */
#include "drivers/virtio.h"

#define MMIO_MAGIC 0x000 /* "virt" */
#define MMIO_VERSION 0x004
#define MMIO_DEVICE_ID 0x008
#define MMIO_DEVICE_FEATURES 0x010
#define MMIO_DEVICE_FEATURES_SEL 0x014
#define MMIO_DRIVER_FEATURES 0x020
#define MMIO_DRIVER_FEATURES_SEL 0x024
#define MMIO_GUEST_PAGE_SIZE 0x028 /* version 1 */
#define MMIO_QUEUE_SEL 0x030
#define MMIO_QUEUE_NUM_MAX 0x034
#define MMIO_QUEUE_NUM 0x038
#define MMIO_QUEUE_ALIGN 0x03c /* version 1 */
#define MMIO_QUEUE_PFN 0x040   /* version 1 */
#define MMIO_QUEUE_READY 0x044 /* version 2 */
#define MMIO_QUEUE_NOTIFY 0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK 0x064
#define MMIO_STATUS 0x070
#define MMIO_QUEUE_DESC 0x080	/* version 2: low, high at +4 */
#define MMIO_QUEUE_DRIVER 0x090 /* version 2 */
#define MMIO_QUEUE_DEVICE 0x0a0 /* version 2 */
#define MMIO_CONFIG_GENERATION 0x0fc
#define MMIO_CONFIG 0x100

#define MMIO_MAGIC_VALUE 0x74726976
#define LEGACY_PAGE 4096 /* the page size we tell a version 1 device */

static uint32_t rd(struct virtio_dev *d, int reg)
{
	return *(volatile uint32_t *)(d->mmio + reg);
}

static void wr(struct virtio_dev *d, int reg, uint32_t v)
{
	*(volatile uint32_t *)(d->mmio + reg) = v;
}

/* A 64-bit address as two 32-bit registers. */
static void wr64(struct virtio_dev *d, int reg, uint64_t v)
{
	wr(d, reg, (uint32_t)v);
	wr(d, reg + 4, (uint32_t)(v >> 32));
}

static uint8_t get_status(struct virtio_dev *d)
{
	return (uint8_t)rd(d, MMIO_STATUS);
}

static void set_status(struct virtio_dev *d, uint8_t status)
{
	wr(d, MMIO_STATUS, status);
}

static uint64_t get_features(struct virtio_dev *d)
{
	wr(d, MMIO_DEVICE_FEATURES_SEL, 0);
	uint64_t f = rd(d, MMIO_DEVICE_FEATURES);
	if (!d->legacy) { /* a legacy device has only 32 feature bits */
		wr(d, MMIO_DEVICE_FEATURES_SEL, 1);
		f |= (uint64_t)rd(d, MMIO_DEVICE_FEATURES) << 32;
	}
	return f;
}

static void set_features(struct virtio_dev *d, uint64_t features)
{
	wr(d, MMIO_DRIVER_FEATURES_SEL, 0);
	wr(d, MMIO_DRIVER_FEATURES, (uint32_t)features);
	if (!d->legacy) {
		wr(d, MMIO_DRIVER_FEATURES_SEL, 1);
		wr(d, MMIO_DRIVER_FEATURES, (uint32_t)(features >> 32));
	}
}

static int queue_max(struct virtio_dev *d, int index)
{
	wr(d, MMIO_QUEUE_SEL, (uint32_t)index);
	if (rd(d, d->legacy ? MMIO_QUEUE_PFN : MMIO_QUEUE_READY) != 0)
		return 0; /* already in use */
	return (int)rd(d, MMIO_QUEUE_NUM_MAX);
}

static int queue_setup(struct virtio_dev *d, struct virtq *q)
{
	wr(d, MMIO_QUEUE_SEL, (uint32_t)q->index);
	wr(d, MMIO_QUEUE_NUM, q->size);
	if (d->legacy) {
		/* The device computes where the rings are from the first page:
		   descriptors, then the driver ring, then the device ring at the
		   next multiple of QueueAlign; struct virtq has that layout. */
		uint64_t pa = hal_virt_to_phys((const void *)q->desc);
		wr(d, MMIO_GUEST_PAGE_SIZE, LEGACY_PAGE);
		wr(d, MMIO_QUEUE_ALIGN, LEGACY_PAGE);
		wr(d, MMIO_QUEUE_PFN, (uint32_t)(pa / LEGACY_PAGE));
		return 0;
	}
	wr64(d, MMIO_QUEUE_DESC, hal_virt_to_phys((const void *)q->desc));
	wr64(d, MMIO_QUEUE_DRIVER, hal_virt_to_phys((const void *)q->avail));
	wr64(d, MMIO_QUEUE_DEVICE, hal_virt_to_phys((const void *)q->used));
	wr(d, MMIO_QUEUE_READY, 1);
	return 0;
}

static void notify(struct virtio_dev *d, struct virtq *q)
{
	wr(d, MMIO_QUEUE_NOTIFY, (uint32_t)q->index);
}

static uint32_t ack_interrupt(struct virtio_dev *d)
{
	uint32_t isr = rd(d, MMIO_INTERRUPT_STATUS);
	if (isr != 0)
		wr(d, MMIO_INTERRUPT_ACK, isr);
	return isr;
}

static uint32_t config_read(struct virtio_dev *d, int off, int size)
{
	volatile uint8_t *p = d->mmio + MMIO_CONFIG + off;
	if (size == 1)
		return *p;
	if (size == 2)
		return *(volatile uint16_t *)p;
	return *(volatile uint32_t *)p;
}

static void config_write8(struct virtio_dev *d, int off, uint8_t v)
{
	d->mmio[MMIO_CONFIG + off] = v;
}

static uint32_t config_generation(struct virtio_dev *d)
{
	return d->legacy ? 0 : rd(d, MMIO_CONFIG_GENERATION);
}

static const struct virtio_transport mmio_transport = {
    .get_status = get_status,
    .set_status = set_status,
    .get_features = get_features,
    .set_features = set_features,
    .queue_max = queue_max,
    .queue_setup = queue_setup,
    .notify = notify,
    .config_read = config_read,
    .config_write8 = config_write8,
    .config_generation = config_generation,
    .ack_interrupt = ack_interrupt,
};

struct virtio_dev *virtio_mmio_probe(uint64_t pa, uint64_t size, int irq)
{
	if (size < MMIO_CONFIG) {
		warn("virtio-mmio@%lx: register block of %lu bytes is too small", pa, size);
		return NULL;
	}
	volatile uint8_t *regs = hal_ioremap(pa, size);
	if (regs == NULL) {
		warn("virtio-mmio@%lx: cannot map the registers", pa);
		return NULL;
	}
	uint32_t magic = *(volatile uint32_t *)(regs + MMIO_MAGIC);
	uint32_t version = *(volatile uint32_t *)(regs + MMIO_VERSION);
	uint32_t type = *(volatile uint32_t *)(regs + MMIO_DEVICE_ID);
	if (magic != MMIO_MAGIC_VALUE) {
		warn("virtio-mmio@%lx: bad magic %x", pa, magic);
		return NULL;
	}
	if (version != 1 && version != 2) {
		warn("virtio-mmio@%lx: unknown version %u", pa, version);
		return NULL;
	}
	if (type == 0) /* an empty slot */
		return NULL;
	struct virtio_dev *d = virtio_dev_alloc();
	if (d == NULL)
		return NULL;
	snprintf(d->name, sizeof(d->name), "virtio-mmio@%lx", pa);
	d->type = (int)type;
	d->legacy = version == 1;
	d->irq = irq;
	d->t = &mmio_transport;
	d->mmio = regs;
	return d;
}
