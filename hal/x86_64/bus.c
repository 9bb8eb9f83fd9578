/*
 * bus.c - x86_64 device access: register mappings, the I/O memory
 * barrier, and the PCI host bridge of QEMU's q35 machine.
 */
#include "hal.h"
#include "x86.h"

#define PTE_ADDR 0x000ffffffffff000UL
#define LARGE_PAGE (2UL << 20)
#define DEVICE_LOW 0xb0000000UL	     /* boot.S maps [this, 4 GiB) uncached */
#define DIRECT_MAP_MAX (512UL << 30) /* what PML4 entry 256 can cover */

extern uint64_t boot_pml4[512];

/*
 * Map [pa, pa + size) above 4 GiB (where firmware may put 64-bit BARs)
 * into the direct map, uncached, with 2 MiB pages. The direct map's page
 * directory pointer table (PML4 entry 256) is shared by every address
 * space, so the mapping is seen everywhere at once.
 */
static bool map_high(uint64_t pa, uint64_t size)
{
	uint64_t *pdpt = hal_phys_to_virt(boot_pml4[256] & PTE_ADDR);
	for (uint64_t a = pa & ~(LARGE_PAGE - 1); a < pa + size; a += LARGE_PAGE) {
		uint64_t *pdpte = &pdpt[(a >> 30) & 511];
		if (!(*pdpte & PTE_P)) {
			uint64_t pd = kernel_page_alloc();
			if (pd == 0)
				return false;
			*pdpte = pd | PTE_P | PTE_W;
		}
		uint64_t *pd = hal_phys_to_virt(*pdpte & PTE_ADDR);
		pd[(a >> 21) & 511] = a | PTE_P | PTE_W | PTE_PS | PTE_PCD | PTE_PWT | PTE_NX;
	}
	hal_tlb_flush_all();
	return true;
}

void *hal_ioremap(uint64_t pa, uint64_t size)
{
	uint64_t end = pa + size;
	if (end < pa || pa < DEVICE_LOW || end > DIRECT_MAP_MAX)
		return NULL;
	if (end > DIRECT_MAP_SIZE && !map_high(pa, size))
		return NULL;
	return hal_phys_to_virt(pa);
}

/* mfence orders every earlier load and store (to memory and device
   registers alike) before every later one. */
void hal_mb(void)
{
	asm volatile("mfence" ::: "memory");
}

/*
 * q35: the MCFG table puts ECAM (256 buses) at 0xb0000000. SeaBIOS has
 * assigned every BAR before we boot; the window it uses for 32-bit BARs
 * is [0xc0000000, 0xfec00000). I/O ports are a space of their own (in/out
 * instructions): io_base 0.
 *
 * INTx: the ICH9 chipset turns pin p (1 = INTA) of the device in slot s
 * of bus 0 (slots 0..24) into PIRQ E + (s + p - 1) % 4, and delivers
 * PIRQ A..H on IOAPIC inputs 16..23 (level-triggered), as QEMU's ACPI
 * routing table (_PRT) says in APIC mode: INTA of slot 0 is input 20,
 * rotating by slot (a virtio disk in slot 2: input 22). The chipset's own
 * functions in slots 25..31 are routed otherwise.
 *
 * The line SeaBIOS writes in configuration space (0x3c) is the 8259 IRQ
 * it routed the PIRQ to (10 or 11, PIRQs E-H share them with the SATA
 * and SMBus functions); QEMU's chipset raises that IOAPIC input too, so
 * it also works, but shared, and it is the PIC's routing, not the APIC's.
 */
bool hal_pci_info(struct hal_pci *out)
{
	out->ecam = 0xb0000000;
	out->bus_start = 0;
	out->bus_end = 255;
	out->mmio_base = 0xc0000000;
	out->mmio_size = 0xfec00000 - 0xc0000000;
	out->io_base = 0;
	out->io_size = 0;
	out->bars_assigned = true;
	out->irq_base = 20;
	return true;
}
