/*
 * fdt.h - the device tree the firmware (or QEMU) hands us, read through
 * libfdt: which devices there are, where their registers are, which
 * interrupt line they use. (Not libfdt's own fdt.h, which fdt.c also includes.)
 */
#ifndef DRIVERS_FDT_H
#define DRIVERS_FDT_H

#include "lib/lib.h"

/* Check the machine's device tree; 0 if there is a valid one. */
int dt_init(void);

/* The next node after `node` (-1: from the start) whose "compatible"
   list has `compat`; a negative number when there is none. */
int dt_next_compatible(int node, const char *compat);

/* Name of a node ("virtio_mmio@10008000"). */
const char *dt_name(int node);

/* Entry i of the node's "reg": physical address and size. 0, or -1 if
   it has none. */
int dt_reg(int node, int i, uint64_t *base, uint64_t *size);

/* The node's first interrupt line, numbered as the hal's interrupt
   controller numbers them; -1 if it has none. */
int dt_irq(int node);

/* The interrupt line of INTx pin `pin` (1 = INTA) of PCI function
   bus:dev.fn, from the host bridge's interrupt-map; -1 if the device
   tree has none. */
int dt_pci_irq(int bus, int dev, int fn, int pin);

#endif
