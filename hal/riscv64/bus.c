/*
 * bus.c - riscv64 device access: register mappings, the I/O memory
 * barrier, and the PCI host bridge of QEMU's virt machine.
 */
#include "hal.h"
#include "riscv.h"

/* The boot page table maps the first 256 GiB of physical memory (RAM and
   devices alike) at KERNEL_OFFSET; the platform's PMAs, not the page
   table, make device regions uncached. */
#define DIRECT_MAP_SIZE (256UL << 30)

void *hal_ioremap(uint64_t pa, uint64_t size)
{
	if (pa >= DIRECT_MAP_SIZE || size > DIRECT_MAP_SIZE - pa)
		return NULL;
	return hal_phys_to_virt(pa);
}

/* Orders every earlier memory and device access before every later one. */
void hal_mb(void)
{
	asm volatile("fence iorw, iorw" ::: "memory");
}

/*
 * The generic ECAM host bridge (the device tree's /soc/pci@30000000):
 * 256 buses of configuration space, I/O ports at 0x3000000, a 32-bit
 * memory window 0x40000000-0x7fffffff (a 64-bit one at 0x4_0000_0000 we
 * do not use). No firmware assigns BARs. INTA of slot 0 is PLIC line 32
 * (lines 32-35, rotated by slot).
 */
bool hal_pci_info(struct hal_pci *out)
{
	out->ecam = 0x30000000;
	out->bus_start = 0;
	out->bus_end = 255;
	out->mmio_base = 0x40000000;
	out->mmio_size = 0x40000000;
	out->io_base = 0x3000000;
	out->io_size = 0x10000;
	out->bars_assigned = false;
	out->irq_base = 32;
	return true;
}
