/*
 * dtb.c - the hal's device-tree questions, for the arches whose firmware
 * or QEMU passes a DTB (riscv64, aarch64): a property of a top-level node
 * (/memory, /cpus, /pcie), or of the first node compatible with a name
 * (an interrupt controller, wherever it sits). The tree is read with libfdt, the same reader
 * the kernel's device discovery uses (kernel/drivers/fdt.c), linked from
 * chapter 1 on these arches (kernel/drivers/drivers.mk).
 */
#include "hal.h"
#include "dtb.h"
#include <libfdt.h>

uint64_t dtb_read_cells(const void *p, int cells)
{
	const fdt32_t *c = p;
	return cells == 2 ? (uint64_t)fdt32_to_cpu(c[0]) << 32 | fdt32_to_cpu(c[1])
			  : fdt32_to_cpu(c[0]);
}

const void *dtb_prop(const char *node, const char *prop, int *len)
{
	const void *dtb = hal_dtb();
	if (dtb == NULL || fdt_check_header(dtb) != 0)
		return NULL;
	/* "memory" also finds "memory@80000000" (libfdt matches the name
	   before the unit address when none is given) */
	int off = fdt_subnode_offset(dtb, 0, node);
	if (off < 0)
		return NULL;
	return fdt_getprop(dtb, off, prop, len);
}

const void *dtb_compat_prop(const char *compat, const char *prop, int *len)
{
	const void *dtb = hal_dtb();
	if (dtb == NULL || fdt_check_header(dtb) != 0)
		return NULL;
	int off = fdt_node_offset_by_compatible(dtb, -1, compat);
	if (off < 0)
		return NULL;
	return fdt_getprop(dtb, off, prop, len);
}
