/*
 * pci.c - PCI enumeration through ECAM.
 *
 * ECAM maps the configuration space of every function: 4 KiB each at
 * (bus << 20 | device << 15 | function << 12) from its base. We walk bus 0
 * (and the buses behind bridges firmware has numbered), size each BAR by
 * writing all ones and reading back which bits stick, give memory BARs an
 * address from the host bridge's 32-bit window where firmware has not,
 * and turn on memory decoding and bus mastering (DMA).
 * I/O BARs are left alone: the drivers only use memory BARs.
 */
#include "drivers/pci.h"
#include "drivers/fdt.h"

static struct pci_dev devs[PCI_MAX_DEVS];
static int ndevs;
static struct hal_pci host;
static volatile uint8_t *ecam;
static uint64_t next_mmio; /* the next free address in the MMIO window */

uint8_t pci_read8(struct pci_dev *p, int off)
{
	return p->cfg[off];
}

uint16_t pci_read16(struct pci_dev *p, int off)
{
	return *(volatile uint16_t *)(p->cfg + off);
}

uint32_t pci_read32(struct pci_dev *p, int off)
{
	return *(volatile uint32_t *)(p->cfg + off);
}

void pci_write16(struct pci_dev *p, int off, uint16_t v)
{
	*(volatile uint16_t *)(p->cfg + off) = v;
}

void pci_write32(struct pci_dev *p, int off, uint32_t v)
{
	*(volatile uint32_t *)(p->cfg + off) = v;
}

struct pci_dev *pci_get(int i)
{
	return i >= 0 && i < ndevs ? &devs[i] : NULL;
}

/* Write all ones to the 32-bit BAR register at `off`, read back which
   bits stick, and put the old value back. */
static uint32_t probe_bar(struct pci_dev *p, int off, uint32_t *old)
{
	*old = pci_read32(p, off);
	pci_write32(p, off, 0xffffffff);
	uint32_t mask = pci_read32(p, off);
	pci_write32(p, off, *old);
	return mask;
}

/* An address for a memory BAR of `size` bytes (a power of two, aligned to
   itself), 0 if the window is full. */
static uint64_t alloc_mmio(uint64_t size)
{
	uint64_t addr = ROUND_UP(next_mmio, size);
	if (addr + size > host.mmio_base + host.mmio_size)
		return 0;
	next_mmio = addr + size;
	return addr;
}

/* Size (and if needed place) the `nbars` BARs of `p`; then turn on memory
   decoding and DMA, unless a BAR could not be placed. */
static void setup_bars(struct pci_dev *p, int nbars)
{
	uint16_t cmd = pci_read16(p, PCI_COMMAND);
	/* no decoding while BARs hold all ones */
	pci_write16(p, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	bool ok = true;
	for (int i = 0; i < nbars; i++) {
		int off = PCI_BAR0 + 4 * i;
		uint32_t old, mask = probe_bar(p, off, &old);
		if (mask == 0 || (old & 1)) /* not implemented, or an I/O BAR */
			continue;
		bool is64 = ((old >> 1) & 3) == 2 && i + 1 < nbars;
		uint64_t addr = old & ~0xfUL;
		uint64_t size_mask = (mask & ~0xfUL) | 0xffffffff00000000UL;
		if (is64) {
			uint32_t old_hi, mask_hi = probe_bar(p, off + 4, &old_hi);
			addr |= (uint64_t)old_hi << 32;
			size_mask = (size_mask & 0xffffffffUL) | (uint64_t)mask_hi << 32;
		}
		uint64_t size = ~size_mask + 1;
		if (!host.bars_assigned) {
			addr = alloc_mmio(size);
			if (addr == 0) {
				warn("pci %02x:%02x.%x: no room for BAR%d (%lu bytes)", p->bus,
				     p->dev, p->fn, i, size);
				ok = false;
			} else {
				pci_write32(p, off, (uint32_t)addr);
				if (is64)
					pci_write32(p, off + 4, (uint32_t)(addr >> 32));
			}
		}
		p->bar[i] = addr;
		p->bar_size[i] = size;
		debug("pci %02x:%02x.%x: BAR%d at %lx, %lu bytes%s", p->bus, p->dev, p->fn, i, addr,
		      size, is64 ? ", 64-bit" : "");
		if (is64)
			i++;
	}
	if (ok)
		cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	pci_write16(p, PCI_COMMAND, cmd);
}

static void scan_bus(int bus);

/* The interrupt line of a function's INTx pin: from the device tree's
   interrupt-map, else QEMU's rotation by slot from the hal's irq_base. */
static int intx_line(struct pci_dev *p)
{
	if (p->irq_pin < 1 || p->irq_pin > 4)
		return -1;
	int line = dt_pci_irq(p->bus, p->dev, p->fn, p->irq_pin);
	if (line >= 0)
		return line;
	return host.irq_base + (p->dev + p->irq_pin - 1) % 4;
}

static void add_function(int bus, int dev, int fn, volatile uint8_t *cfg)
{
	if (ndevs == PCI_MAX_DEVS) {
		warn("pci: more than %d functions, ignoring %02x:%02x.%x", PCI_MAX_DEVS, bus, dev,
		     fn);
		return;
	}
	struct pci_dev *p = &devs[ndevs++];
	memset(p, 0, sizeof(*p));
	p->bus = bus;
	p->dev = dev;
	p->fn = fn;
	p->cfg = cfg;
	p->vendor = pci_read16(p, PCI_VENDOR_ID);
	p->device = pci_read16(p, PCI_DEVICE_ID);
	p->class = pci_read8(p, PCI_REVISION + 3);
	p->subclass = pci_read8(p, PCI_REVISION + 2);
	p->irq_pin = pci_read8(p, PCI_INTERRUPT_PIN);
	p->irq = intx_line(p);
	if ((pci_read8(p, PCI_HEADER_TYPE) & 0x7f) == 1) { /* a PCI-to-PCI bridge */
		setup_bars(p, 2);
		int secondary = pci_read8(p, PCI_SECONDARY_BUS);
		if (secondary > bus && secondary <= host.bus_end)
			scan_bus(secondary);
		else
			warn("pci %02x:%02x.%x: bridge without a bus number: not scanned", bus, dev,
			     fn);
	} else {
		setup_bars(p, 6);
	}
}

static void scan_bus(int bus)
{
	for (int dev = 0; dev < 32; dev++) {
		for (int fn = 0; fn < 8; fn++) {
			volatile uint8_t *cfg = ecam + ((uint64_t)(bus - host.bus_start) << 20 |
							(uint64_t)dev << 15 | (uint64_t)fn << 12);
			if (*(volatile uint16_t *)cfg == 0xffff) { /* nothing here */
				if (fn == 0)
					break;
				continue;
			}
			add_function(bus, dev, fn, cfg);
			/* only multi-function devices have functions 1..7 */
			if (fn == 0 && !(cfg[PCI_HEADER_TYPE] & 0x80))
				break;
		}
	}
}

int pci_init(void)
{
	if (!hal_pci_info(&host) || host.ecam == 0)
		return 0;
	uint64_t size = (uint64_t)(host.bus_end - host.bus_start + 1) << 20;
	ecam = hal_ioremap(host.ecam, size);
	if (ecam == NULL) {
		error("pci: cannot map ECAM at %lx", host.ecam);
		return 0;
	}
	next_mmio = host.mmio_base;
	info("pci: ECAM at %lx, buses %d-%d, %s", host.ecam, host.bus_start, host.bus_end,
	     host.bars_assigned ? "BARs assigned by firmware" : "assigning BARs");
	/* A bridge's secondary bus can only be scanned if it is higher than
	   the bus it sits on, so scanning terminates. */
	scan_bus(host.bus_start);
	return ndevs;
}
