/*
 * fdt.c - device tree lookups for the drivers, over libfdt
 * (third_party/dtc/libfdt). Bus addresses are taken as CPU physical
 * addresses: the buses of QEMU's machines map them one to one.
 */
#include "drivers/fdt.h"
#include "libfdt.h"

static const void *fdt;

int dt_init(void)
{
	fdt = hal_dtb();
	if (fdt == NULL)
		return -1;
	int err = fdt_check_header(fdt);
	if (err != 0) {
		error("dtb: bad device tree at %p: %s", fdt, fdt_strerror(err));
		fdt = NULL;
		return -1;
	}
	debug("dtb: %u bytes at %p", fdt_totalsize(fdt), fdt);
	return 0;
}

int dt_next_compatible(int node, const char *compat)
{
	if (fdt == NULL)
		return -1;
	return fdt_node_offset_by_compatible(fdt, node, compat);
}

const char *dt_name(int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	return name != NULL ? name : "?";
}

/* Read `cells` 32-bit big-endian cells as one number. */
static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;
	for (int i = 0; i < cells; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/* A node's "#address-cells" or "#size-cells" (what its children's "reg"
   use), or the default the device tree specification gives. */
static int cells(int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
	return p != NULL && len == 4 ? (int)fdt32_to_cpu(*p) : dflt;
}

int dt_reg(int node, int i, uint64_t *base, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node);
	if (parent < 0)
		return -1;
	int acells = cells(parent, "#address-cells", 2);
	int scells = cells(parent, "#size-cells", 1);
	int len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	if (reg == NULL || acells < 1 || acells > 2 || scells < 0 || scells > 2)
		return -1;
	int entry = acells + scells;
	if ((i + 1) * entry * 4 > len)
		return -1;
	*base = read_cells(reg + i * entry, acells);
	*size = read_cells(reg + i * entry + acells, scells);
	return 0;
}

/* The interrupt controller of a node: its own or an ancestor's
   "interrupt-parent". */
static int interrupt_parent(int node)
{
	for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
		int len;
		const fdt32_t *p = fdt_getprop(fdt, node, "interrupt-parent", &len);
		if (p != NULL && len == 4)
			return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p));
	}
	return -1;
}

/*
 * One cell: the line number itself (riscv's PLIC). Three cells: an ARM
 * GIC, <type number flags>, where type 0 is a shared interrupt (SPI),
 * numbered from 32, and type 1 a private one (PPI), numbered from 16.
 */
int dt_irq(int node)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts", &len);
	int ctl = interrupt_parent(node);
	if (p == NULL || ctl < 0)
		return -1;
	const fdt32_t *cells = fdt_getprop(fdt, ctl, "#interrupt-cells", NULL);
	int n = cells != NULL ? (int)fdt32_to_cpu(*cells) : 1;
	if (n == 1 && len >= 4)
		return (int)fdt32_to_cpu(p[0]);
	if (n == 3 && len >= 12)
		return (int)fdt32_to_cpu(p[1]) + (fdt32_to_cpu(p[0]) == 0 ? 32 : 16);
	return -1;
}
