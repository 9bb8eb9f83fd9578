/*
 * dtb.c - just enough of a device-tree reader for the hal of the arches
 * whose firmware or QEMU passes a DTB (riscv64, aarch64): find a property
 * of a top-level node (/memory, /cpus, /pcie) in it. The
 * kernel's full device discovery uses libfdt (chapter 6).
 */
#include "hal.h"
#include "dtb.h"

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

uint64_t dtb_read_cells(const void *p, int cells)
{
	return cells == 2 ? (uint64_t)be32(p) << 32 | be32((const uint8_t *)p + 4) : be32(p);
}

static bool name_matches(const char *node, const char *want)
{
	while (*want && *node == *want)
		node++, want++;
	return *want == '\0' && (*node == '\0' || *node == '@');
}

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

const void *dtb_prop(const char *node, const char *prop, int *len)
{
	const uint8_t *dtb = hal_dtb();
	if (dtb == NULL || be32(dtb) != 0xd00dfeed)
		return NULL;
	const uint8_t *p = dtb + be32(dtb + 8);
	const char *strings = (const char *)dtb + be32(dtb + 12);
	int depth = 0;
	bool inside = false;
	for (;;) {
		uint32_t token = be32(p);
		p += 4;
		if (token == 1) { /* FDT_BEGIN_NODE */
			const char *name = (const char *)p;
			depth++;
			if (depth == 2)
				inside = name_matches(name, node);
			while (*p)
				p++;
			p = (const uint8_t *)(((uintptr_t)p + 4) & ~3UL);
		} else if (token == 2) { /* FDT_END_NODE */
			if (depth == 2)
				inside = false;
			depth--;
		} else if (token == 3) { /* FDT_PROP */
			uint32_t n = be32(p), name = be32(p + 4);
			if (inside && depth == 2 && str_eq(strings + name, prop)) {
				*len = n;
				return p + 8;
			}
			p += 8 + ((n + 3) & ~3U);
		} else if (token != 4) { /* not FDT_NOP: FDT_END or garbage */
			return NULL;
		}
	}
}
