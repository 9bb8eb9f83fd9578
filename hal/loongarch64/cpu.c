/*
 * cpu.c - loongarch64 boot-time C code, memory map, address conversion and
 * interrupt enable bit.
 */
#include "hal.h"
#include "loongarch.h"

extern char kernel_end[];

/*
 * QEMU 7.2 virt (which wants -m 1G or more): the first 256 MiB of RAM are at
 * physical 0, the rest at 0x90000000. The size comes from QEMU's fw_cfg
 * device: select an item by writing its key (big-endian) to the control
 * register, then read its bytes one by one from the data register.
 */
#define LOW_RAM_END 0x10000000UL
#define HIGH_RAM_BASE 0x90000000UL
#define FW_CFG_DATA_PA 0x1e020000UL
#define FW_CFG_CTL_PA 0x1e020008UL
#define FW_CFG_SIGNATURE 0x0000 /* "QEMU" */
#define FW_CFG_RAM_SIZE 0x0003	/* 64-bit little-endian */

const char *hal_arch_name(void)
{
	return "loongarch64";
}

int hal_elf_machine(void)
{
	return 258; /* EM_LOONGARCH */
}

/* Called by boot.S on CPU 0, in mapped mode, on the boot stack, BSS cleared. */
void hal_boot(void)
{
	kernel_main(0);
}

/* The direct map is the cached window DMW1. */
void *hal_phys_to_virt(uint64_t pa)
{
	return (void *)(pa | CACHED_BASE);
}

uint64_t hal_virt_to_phys(const void *va)
{
	return (uint64_t)va & DMW_PA_MASK;
}

/* QEMU 7.2 passes an FDT at physical 0x100000 but it has no /memory node;
   we take the fixed layout instead. */
void *hal_dtb(void)
{
	return NULL;
}

const char *hal_cmdline(void)
{
	return "";
}

int hal_cpu_id(void)
{
	return csr_read(CSR_CPUID) & CPUID_MASK;
}

/* Read `len` bytes (at most 8) of fw_cfg item `key`, little-endian. */
static uint64_t fw_cfg_read(uint16_t key, int len)
{
	mmio_write16(FW_CFG_CTL_PA, (uint16_t)(key >> 8 | key << 8));
	uint64_t v = 0;
	for (int i = 0; i < len; i++)
		v |= (uint64_t)mmio_read8(FW_CFG_DATA_PA) << (8 * i);
	return v;
}

static uint64_t ram_size(void)
{
	if (fw_cfg_read(FW_CFG_SIGNATURE, 4) != 0x554d4551) /* "QEMU" */
		return LOW_RAM_END;
	return fw_cfg_read(FW_CFG_RAM_SIZE, 8);
}

/*
 * Usable RAM: from the end of the kernel (which sits above the FDT at
 * 0x100000) to the end of low RAM, then the high RAM.
 */
int hal_mem_ranges(struct hal_mem_range *out, int max)
{
	int n = 0;
	uint64_t start = hal_virt_to_phys(kernel_end);
	uint64_t size = ram_size();
	if (n < max) {
		out[n].start = (start + HAL_PAGE_SIZE - 1) & ~(HAL_PAGE_SIZE - 1);
		out[n].end = LOW_RAM_END;
		n++;
	}
	if (n < max && size > LOW_RAM_END) {
		out[n].start = HIGH_RAM_BASE;
		out[n].end = HIGH_RAM_BASE + (size - LOW_RAM_END);
		n++;
	}
	return n;
}

void hal_intr_on(void)
{
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
}

void hal_intr_off(void)
{
	csr_xchg(CSR_CRMD, 0, CRMD_IE);
}

bool hal_intr_save(void)
{
	return (csr_xchg(CSR_CRMD, 0, CRMD_IE) & CRMD_IE) != 0;
}

void hal_intr_restore(bool was_on)
{
	if (was_on)
		hal_intr_on();
}

/* `idle 0` wakes when an interrupt enabled in ECFG is pending, whatever
   CRMD.IE says; turning IE on for a moment then takes it. */
void hal_idle(void)
{
	asm volatile("idle 0" ::: "memory");
	hal_intr_on();
	hal_intr_off();
}

/* Make stores visible to instruction fetch on this CPU. */
void hal_sync_icache(const void *va, size_t len)
{
	(void)va;
	(void)len;
	asm volatile("ibar 0" ::: "memory");
}
