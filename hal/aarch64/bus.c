/*
 * bus.c - aarch64 device access: register mappings, the I/O memory
 * barrier, and the PCI host bridge of QEMU's virt machine.
 */
#include "hal.h"
#include "aarch64.h"

#define GIB (1UL << 30)

/* The boot page table (boot.S) maps physical GiB 0 (GIC, UART,
   virtio-mmio, PCI I/O and 32-bit memory windows) and GiB 256-511 (the
   high PCI ECAM) as device memory in the direct map; GiB 1-255 are RAM
   (normal, cached) and nothing above is mapped. */
static bool is_device_range(uint64_t pa, uint64_t size)
{
	uint64_t end = pa + size;
	if (end < pa)
		return false;
	return end <= 1 * GIB || (pa >= 256 * GIB && end <= 512 * GIB);
}

void *hal_ioremap(uint64_t pa, uint64_t size)
{
	return is_device_range(pa, size) ? hal_phys_to_virt(pa) : NULL;
}

/* A full-system data synchronization barrier: orders normal memory and
   device accesses both ways. */
void hal_mb(void)
{
	asm volatile("dsb sy" ::: "memory");
}

/*
 * The generic ECAM host bridge (the device tree's /pcie@10000000): with
 * QEMU's default highmem=on its 256 buses of configuration space are at
 * 0x40_1000_0000 (0x3f000000, 16 buses, with highmem=off; we read "reg"
 * to be sure). I/O ports at 0x3eff0000, a 32-bit memory window
 * 0x10000000-0x3efeffff (a 64-bit one at 0x80_0000_0000 is not mapped).
 * No firmware assigns BARs. The INTx lines are GIC SPIs 3-6 = INTIDs
 * 35-38, swizzled by slot: pin p (1 = INTA) of slot s raises INTID
 * 35 + (s + p - 1) % 4 (QEMU's create_pcie_irq_map; the DTB's
 * interrupt-map, which the kernel reads first, says the same).
 */
bool hal_pci_info(struct hal_pci *out)
{
	out->ecam = 0x4010000000;
	out->bus_start = 0;
	out->bus_end = 255;
	int len;
	const uint8_t *reg = dtb_prop("pcie", "reg", &len);
	if (reg != NULL && len >= 16) {
		out->ecam = dtb_read_cells(reg, 2);
		out->bus_end = (int)((dtb_read_cells(reg + 8, 2) >> 20) - 1);
	}
	out->mmio_base = 0x10000000;
	out->mmio_size = 0x2eff0000;
	out->io_base = 0x3eff0000;
	out->io_size = 0x10000;
	out->bars_assigned = false;
	out->irq_base = 35;
	return true;
}
