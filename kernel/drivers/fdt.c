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
 * An interrupt specifier of controller `ctl`, `n` cells at `p`, as the
 * hal numbers lines. One cell: the line itself (riscv's PLIC); two: the
 * line and its trigger (loongarch's PCH-PIC); three: an ARM GIC, <type
 * number flags>, where type 0 is a shared interrupt (SPI), numbered from
 * 32, and type 1 a private one (PPI), numbered from 16.
 */
static int spec_line(const fdt32_t *p, int n)
{
	if (n == 1 || n == 2)
		return (int)fdt32_to_cpu(p[0]);
	if (n == 3)
		return (int)fdt32_to_cpu(p[1]) + (fdt32_to_cpu(p[0]) == 0 ? 32 : 16);
	return -1;
}

int dt_irq(int node)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts", &len);
	int ctl = interrupt_parent(node);
	if (p == NULL || ctl < 0)
		return -1;
	int n = cells(ctl, "#interrupt-cells", 1);
	return len >= 4 * n ? spec_line(p, n) : -1;
}

/*
 * The PCI host bridge's "interrupt-map": entries of <child address (3
 * cells: bus, device, function in the first), child pin (1 cell), parent
 * phandle, parent address (its #address-cells), parent specifier (its
 * #interrupt-cells)>, matched after "interrupt-map-mask".
 */
int dt_pci_irq(int bus, int dev, int fn, int pin)
{
	if (fdt == NULL)
		return -1;
	int host = fdt_node_offset_by_compatible(fdt, -1, "pci-host-ecam-generic");
	if (host < 0)
		return -1;
	int len, mlen;
	const fdt32_t *map = fdt_getprop(fdt, host, "interrupt-map", &len);
	const fdt32_t *mask = fdt_getprop(fdt, host, "interrupt-map-mask", &mlen);
	if (map == NULL || mask == NULL || mlen != 16)
		return -1;
	uint32_t child[4] = {(uint32_t)(bus << 16 | dev << 11 | fn << 8), 0, 0, (uint32_t)pin};
	for (int i = 0; i < 4; i++)
		child[i] &= fdt32_to_cpu(mask[i]);
	const fdt32_t *end = map + len / 4;
	for (const fdt32_t *e = map; e + 5 <= end;) {
		int ctl = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(e[4]));
		if (ctl < 0)
			return -1;
		int acells = cells(ctl, "#address-cells", 0);
		int icells = cells(ctl, "#interrupt-cells", 1);
		const fdt32_t *spec = e + 5 + acells;
		if (spec + icells > end)
			return -1;
		bool match = true;
		for (int i = 0; i < 4; i++)
			if (fdt32_to_cpu(e[i]) != child[i])
				match = false;
		if (match)
			return spec_line(spec, icells);
		e = spec + icells;
	}
	return -1;
}
