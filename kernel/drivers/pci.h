/*
 * pci.h - PCI devices: found through ECAM configuration space, with their
 * memory BARs assigned (by firmware or by pci_init) and decoding on.
 */
#ifndef PCI_H
#define PCI_H

#include "lib/lib.h"

/* Offsets in configuration space (type 0 header unless noted). */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_REVISION 0x08 /* then prog-if, subclass, class */
#define PCI_HEADER_TYPE 0x0e
#define PCI_BAR0 0x10
#define PCI_SECONDARY_BUS 0x19 /* type 1 (bridge) header */
#define PCI_SUBSYSTEM_ID 0x2e
#define PCI_CAP_PTR 0x34
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d

#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4 /* the device may do DMA */
#define PCI_STATUS_CAP_LIST 0x10

#define PCI_CAP_VENDOR 0x09 /* vendor-specific capability (virtio uses it) */

#define PCI_MAX_DEVS 32

struct pci_dev {
	int bus, dev, fn;
	uint16_t vendor, device;
	uint8_t class, subclass;
	uint8_t irq_pin; /* 1 = INTA .. 4 = INTD, 0 if none */
	int irq;	 /* the interrupt line of that pin, -1 if none */
	uint64_t bar[6]; /* physical address of each memory BAR, 0 if none */
	uint64_t bar_size[6];
	volatile uint8_t *cfg; /* its 4 KiB of configuration space */
};

/* Enumerate the PCI bus (if the machine has one); returns the number of
   functions found. */
int pci_init(void);
/* Function i, or NULL. */
struct pci_dev *pci_get(int i);

uint8_t pci_read8(struct pci_dev *p, int off);
uint16_t pci_read16(struct pci_dev *p, int off);
uint32_t pci_read32(struct pci_dev *p, int off);
void pci_write16(struct pci_dev *p, int off, uint16_t v);
void pci_write32(struct pci_dev *p, int off, uint32_t v);

#endif
