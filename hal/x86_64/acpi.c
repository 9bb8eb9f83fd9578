/*
 * acpi.c - what the firmware's ACPI tables say about interrupts: the
 * MADT ("APIC" table) gives the IOAPIC's address and the interrupt source
 * overrides, the ISA IRQs that do not arrive on the IOAPIC input of the
 * same number or not as edge-triggered, active-high (on q35: IRQ 0, the
 * PIT, is input 2; IRQs 5, 9, 10, 11 are level, active-high).
 *
 * The tables are found from the RSDP, which the BIOS (SeaBIOS) puts in
 * the ROM area 0xe0000..0xfffff on a 16-byte boundary; they sit in RAM
 * the memory map calls reserved, so the kernel never hands it out.
 */
#include "hal.h"
#include "x86.h"

#define BIOS_ROM 0xe0000
#define BIOS_ROM_END 0x100000
#define SDT_HEADER 36 /* every table's header: signature, length, ... */
#define MADT_ENTRIES 44
#define MADT_IOAPIC 1
#define MADT_OVERRIDE 2
#define MPS_POLARITY 0x3 /* override flags: 01 active high, 11 active low */
#define MPS_ACTIVE_LOW 0x3
#define MPS_TRIGGER 0xc /* 0100 edge, 1100 level */
#define MPS_LEVEL 0xc

static struct isa_route isa[16];
static uint64_t ioapic_pa, ioapic_gsi_base;
static bool madt_read;

static bool same(const uint8_t *p, const char *sig, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i] != (uint8_t)sig[i])
			return false;
	return true;
}

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool checksum_ok(const uint8_t *p, uint32_t len)
{
	uint8_t sum = 0;
	for (uint32_t i = 0; i < len; i++)
		sum += p[i];
	return sum == 0;
}

/* The RSDP, NULL if the BIOS area has none. */
static const uint8_t *find_rsdp(void)
{
	for (uint64_t pa = BIOS_ROM; pa < BIOS_ROM_END; pa += 16) {
		const uint8_t *p = hal_phys_to_virt(pa);
		if (same(p, "RSD PTR ", 8) && checksum_ok(p, 20))
			return p;
	}
	return NULL;
}

/* The table with signature `sig` listed in the RSDT, NULL if none. */
static const uint8_t *find_table(const char *sig)
{
	const uint8_t *rsdp = find_rsdp();
	if (rsdp == NULL)
		return NULL;
	const uint8_t *rsdt = hal_phys_to_virt(get32(rsdp + 16));
	if (!same(rsdt, "RSDT", 4))
		return NULL;
	uint32_t len = get32(rsdt + 4);
	for (uint32_t off = SDT_HEADER; off + 4 <= len; off += 4) {
		const uint8_t *t = hal_phys_to_virt(get32(rsdt + off));
		if (same(t, sig, 4) && checksum_ok(t, get32(t + 4)))
			return t;
	}
	return NULL;
}

/* Read the MADT (once); without one, assume the PC defaults. */
static void read_madt(void)
{
	if (madt_read)
		return;
	madt_read = true;
	for (int i = 0; i < 16; i++)
		isa[i] = (struct isa_route){i, false, false};
	ioapic_pa = IOAPIC_DEFAULT_PA;
	ioapic_gsi_base = 0;
	const uint8_t *madt = find_table("APIC");
	if (madt == NULL) {
		printf("acpi: no MADT, IOAPIC assumed at 0x%lx\n", ioapic_pa);
		return;
	}
	uint32_t len = get32(madt + 4);
	bool seen_ioapic = false;
	for (uint32_t off = MADT_ENTRIES; off + 2 <= len && madt[off + 1] >= 2;
	     off += madt[off + 1]) {
		const uint8_t *e = madt + off;
		if (e[0] == MADT_IOAPIC && !seen_ioapic) { /* the first one */
			ioapic_pa = get32(e + 4);
			ioapic_gsi_base = get32(e + 8);
			seen_ioapic = true;
		} else if (e[0] == MADT_OVERRIDE && e[3] < 16) {
			uint16_t flags = e[8] | e[9] << 8;
			isa[e[3]] = (struct isa_route){(int)get32(e + 4),
						       (flags & MPS_TRIGGER) == MPS_LEVEL,
						       (flags & MPS_POLARITY) == MPS_ACTIVE_LOW};
		}
	}
}

/* Physical address of the (first) IOAPIC and the GSI of its input 0. */
uint64_t acpi_ioapic(uint64_t *gsi_base)
{
	read_madt();
	*gsi_base = ioapic_gsi_base;
	return ioapic_pa;
}

/* Where ISA IRQ `irq` (0..15) arrives, and how. */
struct isa_route acpi_isa_route(int irq)
{
	read_madt();
	return isa[irq];
}
