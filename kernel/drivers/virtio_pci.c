/*
 * virtio_pci.c - the virtio-pci transport, modern (virtio 1.0) interface.
 *
 * The device's PCI capability list has vendor-specific entries that say
 * where, inside its memory BARs, its register regions are: the common
 * configuration (features, status, queues), the notification area, the
 * interrupt status byte and the device-specific configuration.
 */
#include "drivers/pci.h"
#include "drivers/virtio.h"

/* virtio capability: cfg_type at +3, bar at +4, offset at +8, length at +12 */
#define CAP_COMMON 1
#define CAP_NOTIFY 2 /* its notify_off_multiplier follows, at +16 */
#define CAP_ISR 3
#define CAP_DEVICE 4

/* The common configuration region. */
#define COMMON_DEVICE_FEATURE_SELECT 0x00
#define COMMON_DEVICE_FEATURE 0x04
#define COMMON_DRIVER_FEATURE_SELECT 0x08
#define COMMON_DRIVER_FEATURE 0x0c
#define COMMON_NUM_QUEUES 0x12
#define COMMON_STATUS 0x14
#define COMMON_CONFIG_GENERATION 0x15
#define COMMON_QUEUE_SELECT 0x16
#define COMMON_QUEUE_SIZE 0x18
#define COMMON_QUEUE_ENABLE 0x1c
#define COMMON_QUEUE_NOTIFY_OFF 0x1e
#define COMMON_QUEUE_DESC 0x20
#define COMMON_QUEUE_DRIVER 0x28
#define COMMON_QUEUE_DEVICE 0x30

#define VIRTIO_PCI_VENDOR 0x1af4
#define MAX_CAPS 48 /* stop walking a looping capability list */

static uint8_t rd8(struct virtio_dev *d, int off)
{
	return d->common[off];
}

static uint16_t rd16(struct virtio_dev *d, int off)
{
	return *(volatile uint16_t *)(d->common + off);
}

static uint32_t rd32(struct virtio_dev *d, int off)
{
	return *(volatile uint32_t *)(d->common + off);
}

static void wr8(struct virtio_dev *d, int off, uint8_t v)
{
	d->common[off] = v;
}

static void wr16(struct virtio_dev *d, int off, uint16_t v)
{
	*(volatile uint16_t *)(d->common + off) = v;
}

static void wr32(struct virtio_dev *d, int off, uint32_t v)
{
	*(volatile uint32_t *)(d->common + off) = v;
}

/* 64-bit fields as two 32-bit writes, low half first. */
static void wr64(struct virtio_dev *d, int off, uint64_t v)
{
	wr32(d, off, (uint32_t)v);
	wr32(d, off + 4, (uint32_t)(v >> 32));
}

static uint8_t get_status(struct virtio_dev *d)
{
	return rd8(d, COMMON_STATUS);
}

static void set_status(struct virtio_dev *d, uint8_t status)
{
	wr8(d, COMMON_STATUS, status);
}

static uint64_t get_features(struct virtio_dev *d)
{
	wr32(d, COMMON_DEVICE_FEATURE_SELECT, 0);
	uint64_t f = rd32(d, COMMON_DEVICE_FEATURE);
	wr32(d, COMMON_DEVICE_FEATURE_SELECT, 1);
	return f | (uint64_t)rd32(d, COMMON_DEVICE_FEATURE) << 32;
}

static void set_features(struct virtio_dev *d, uint64_t features)
{
	wr32(d, COMMON_DRIVER_FEATURE_SELECT, 0);
	wr32(d, COMMON_DRIVER_FEATURE, (uint32_t)features);
	wr32(d, COMMON_DRIVER_FEATURE_SELECT, 1);
	wr32(d, COMMON_DRIVER_FEATURE, (uint32_t)(features >> 32));
}

static int queue_max(struct virtio_dev *d, int index)
{
	if (index >= rd16(d, COMMON_NUM_QUEUES))
		return 0;
	wr16(d, COMMON_QUEUE_SELECT, (uint16_t)index);
	if (rd16(d, COMMON_QUEUE_ENABLE) != 0)
		return 0; /* already in use */
	return rd16(d, COMMON_QUEUE_SIZE);
}

static int queue_setup(struct virtio_dev *d, struct virtq *q)
{
	wr16(d, COMMON_QUEUE_SELECT, (uint16_t)q->index);
	wr16(d, COMMON_QUEUE_SIZE, q->size);
	wr64(d, COMMON_QUEUE_DESC, hal_virt_to_phys((const void *)q->desc));
	wr64(d, COMMON_QUEUE_DRIVER, hal_virt_to_phys((const void *)q->avail));
	wr64(d, COMMON_QUEUE_DEVICE, hal_virt_to_phys((const void *)q->used));
	q->notify_off = rd16(d, COMMON_QUEUE_NOTIFY_OFF);
	if ((uint64_t)q->notify_off * d->notify_mult + 2 > d->notify_len) {
		error("%s: queue %d notifies outside its region", d->name, q->index);
		return -1;
	}
	wr16(d, COMMON_QUEUE_ENABLE, 1);
	return 0;
}

static void notify(struct virtio_dev *d, struct virtq *q)
{
	*(volatile uint16_t *)(d->notify + q->notify_off * d->notify_mult) = (uint16_t)q->index;
}

/* Reading the ISR byte clears it (and drops the INTx line). */
static uint32_t ack_interrupt(struct virtio_dev *d)
{
	return d->isr != NULL ? *d->isr : VIRTIO_ISR_QUEUE;
}

static uint32_t config_read(struct virtio_dev *d, int off, int size)
{
	volatile uint8_t *p = d->config + off;
	if (d->config == NULL)
		return 0; /* a device without configuration */
	if (size == 1)
		return *p;
	if (size == 2)
		return *(volatile uint16_t *)p;
	return *(volatile uint32_t *)p;
}

static void config_write8(struct virtio_dev *d, int off, uint8_t v)
{
	if (d->config != NULL)
		d->config[off] = v;
}

static uint32_t config_generation(struct virtio_dev *d)
{
	return rd8(d, COMMON_CONFIG_GENERATION);
}

static const struct virtio_transport pci_transport = {
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

/* Map the region a virtio capability at `cap` describes; NULL if its BAR
   is missing or too small. */
static volatile uint8_t *map_cap(struct pci_dev *p, int cap, uint32_t *len)
{
	int bar = pci_read8(p, cap + 4);
	uint32_t offset = pci_read32(p, cap + 8);
	*len = pci_read32(p, cap + 12);
	if (bar > 5 || p->bar[bar] == 0 || (uint64_t)offset + *len > p->bar_size[bar])
		return NULL;
	return hal_ioremap(p->bar[bar] + offset, *len);
}

struct virtio_dev *virtio_pci_probe(struct pci_dev *p)
{
	char name[32];
	snprintf(name, sizeof(name), "pci %02x:%02x.%x", p->bus, p->dev, p->fn);
	if (p->vendor != VIRTIO_PCI_VENDOR || p->device < 0x1000 || p->device > 0x107f)
		return NULL;
	/* 0x1040 + type: modern only; 0x1000..0x103f: transitional, the type
	   is the subsystem id */
	int type = p->device >= 0x1040 ? p->device - 0x1040 : pci_read16(p, PCI_SUBSYSTEM_ID);

	volatile uint8_t *common = NULL, *notify_base = NULL, *isr = NULL, *config = NULL;
	uint32_t mult = 0, notify_len = 0, len;
	int cap = 0, n = 0;
	if (pci_read16(p, PCI_STATUS) & PCI_STATUS_CAP_LIST)
		cap = pci_read8(p, PCI_CAP_PTR) & ~3;
	for (; cap != 0 && n < MAX_CAPS; cap = pci_read8(p, cap + 1) & ~3, n++) {
		if (pci_read8(p, cap) != PCI_CAP_VENDOR)
			continue;
		int cfg_type = pci_read8(p, cap + 3);
		/* take the first region of each type, as the spec asks */
		if (cfg_type == CAP_COMMON && common == NULL) {
			common = map_cap(p, cap, &len);
			if (len < COMMON_QUEUE_DEVICE + 8)
				common = NULL;
		} else if (cfg_type == CAP_NOTIFY && notify_base == NULL) {
			notify_base = map_cap(p, cap, &notify_len);
			mult = pci_read32(p, cap + 16);
		} else if (cfg_type == CAP_ISR && isr == NULL) {
			isr = map_cap(p, cap, &len);
		} else if (cfg_type == CAP_DEVICE && config == NULL) {
			config = map_cap(p, cap, &len);
		}
	}
	if (common == NULL || notify_base == NULL) {
		warn("%s: %s without a usable modern interface (legacy-only devices are not "
		     "supported: use disable-legacy=on or a newer machine)",
		     name, virtio_type_name(type));
		return NULL;
	}
	struct virtio_dev *d = virtio_dev_alloc();
	if (d == NULL)
		return NULL;
	memcpy(d->name, name, sizeof(name));
	d->type = type;
	d->t = &pci_transport;
	d->common = common;
	d->notify = notify_base;
	d->notify_mult = mult;
	d->notify_len = notify_len;
	d->isr = isr;
	d->irq = p->irq;
	d->config = config;
	return d;
}
