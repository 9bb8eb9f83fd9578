/*
 * bus.c - loongarch64 device access: register mappings, the I/O memory
 * barrier, and the PCI host bridge of QEMU's virt machine.
 */
#include "hal.h"
#include "loongarch.h"

/* Device registers go through the uncached direct window DMW0, which
   covers every physical address. */
void *hal_ioremap(uint64_t pa, uint64_t size)
{
	if (pa > DMW_PA_MASK || size > DMW_PA_MASK + 1 - pa)
		return NULL;
	return (void *)(pa | UNCACHED_BASE);
}

/* dbar 0: a full barrier for every kind of memory access. */
void hal_mb(void)
{
	asm volatile("dbar 0" ::: "memory");
}

/*
 * The generic ECAM host bridge (its FDT node is pcie@20000000): 128 buses
 * of configuration space at 0x20000000, I/O ports at 0x18004000 (PCI port
 * 0x4000 upwards, 0xc000 of them), a memory window 0x40000000-0x7fffffff.
 * There is no firmware, so nobody assigns BARs. The bridge's four INTx
 * lines are PCH-PIC inputs 16-19, and pin p (0 = INTA) of slot s raises
 * line (s + p) % 4 (QEMU's generic swizzle): INTA of slot 0 is input 16.
 * QEMU puts the host bridge in slot 0 and a default virtio-net in slot 1,
 * so the disk (-device virtio-blk-pci) usually sits in slot 2: input 18.
 */
bool hal_pci_info(struct hal_pci *out)
{
	out->ecam = 0x20000000;
	out->bus_start = 0;
	out->bus_end = 127;
	out->mmio_base = 0x40000000;
	out->mmio_size = 0x40000000;
	out->io_base = 0x18004000;
	out->io_size = 0xc000;
	out->bars_assigned = false;
	out->irq_base = 16;
	return true;
}
