/*
 * devices.c - device discovery at boot: the virtio-mmio slots the device
 * tree lists and the functions on the PCI bus, each handed to its driver.
 */
#include "drivers/fdt.h"
#include "drivers/pci.h"
#include "drivers/virtio.h"

/* Give a virtio device to the driver of its type. */
static void virtio_attach(struct virtio_dev *d)
{
	switch (d->type) {
	case VIRTIO_ID_BLOCK:
		virtio_blk_init(d);
		break;
	case VIRTIO_ID_INPUT:
		virtio_input_init(d);
		break;
#if CHAPTER >= 9
	case VIRTIO_ID_GPU:
		virtio_gpu_init(d);
		break;
	case VIRTIO_ID_NET:
		virtio_net_init(d);
		break;
#endif
	default:
		info("%s: no driver for %s (type %d)", d->name, virtio_type_name(d->type), d->type);
		break;
	}
}

/* Every "virtio,mmio" node: QEMU lists all its slots, most of them empty
   (and puts the first -device in the highest slot). */
static void probe_virtio_mmio(void)
{
	if (dt_init() != 0)
		return;
	for (int node = dt_next_compatible(-1, "virtio,mmio"); node >= 0;
	     node = dt_next_compatible(node, "virtio,mmio")) {
		uint64_t base, size;
		if (dt_reg(node, 0, &base, &size) != 0) {
			warn("dtb: %s has no registers", dt_name(node));
			continue;
		}
		struct virtio_dev *d = virtio_mmio_probe(base, size, dt_irq(node));
		if (d == NULL)
			continue;
		info("%s: %s (version %d)", d->name, virtio_type_name(d->type), d->legacy ? 1 : 2);
		virtio_attach(d);
	}
}

/* A name for a PCI function by its class code, for the log. */
static const char *class_name(struct pci_dev *p)
{
	static const char *const names[] = {
	    "device",		 /* 0 */
	    "storage",		 /* 1 */
	    "network",		 /* 2 */
	    "display",		 /* 3 */
	    "multimedia",	 /* 4 */
	    "memory",		 /* 5 */
	    "bridge",		 /* 6 */
	    "communication",	 /* 7 */
	    "system",		 /* 8 */
	    "input",		 /* 9 */
	    "docking",		 /* 10 */
	    "processor",	 /* 11 */
	    "serial bus",	 /* 12 */
	    "wireless",		 /* 13 */
	    "intelligent I/O",	 /* 14 */
	    "satellite",	 /* 15 */
	    "crypto",		 /* 16 */
	    "signal processing", /* 17 */
	};
	if (p->class == 6 && p->subclass == 0)
		return "host bridge";
	if (p->class == 6 && p->subclass == 1)
		return "ISA bridge";
	if (p->class == 6 && p->subclass == 4)
		return "PCI bridge";
	return p->class < ARRAY_SIZE(names) ? names[p->class] : "device";
}

static void probe_pci(void)
{
	int n = pci_init();
	for (int i = 0; i < n; i++) {
		struct pci_dev *p = pci_get(i);
		struct virtio_dev *d = virtio_pci_probe(p);
		info("pci %02x:%02x.%x %04x:%04x %s", p->bus, p->dev, p->fn, p->vendor, p->device,
		     d != NULL ? virtio_type_name(d->type) : class_name(p));
		if (d != NULL)
			virtio_attach(d);
	}
}

void devices_init(void)
{
	probe_virtio_mmio();
	probe_pci();
}
