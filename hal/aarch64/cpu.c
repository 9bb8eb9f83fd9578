/*
 * cpu.c - aarch64 boot-time C code, memory map, address conversion,
 * instruction cache sync and interrupt masking.
 */
#include "hal.h"
#include "aarch64.h"

uint64_t boot_dtb_pa;

extern char kernel_start[], kernel_end[];

const char *hal_arch_name(void)
{
	return "aarch64";
}

int hal_elf_machine(void)
{
	return 183; /* EM_AARCH64 */
}

/* Called by boot.S on the upper-half stack with BSS cleared. */
void hal_boot(uint64_t dtb_pa)
{
	boot_dtb_pa = dtb_pa;
	console_init();
	kernel_main(0);
}

void *hal_phys_to_virt(uint64_t pa)
{
	return (void *)(pa + KERNEL_OFFSET);
}

uint64_t hal_virt_to_phys(const void *va)
{
	return (uint64_t)va - KERNEL_OFFSET;
}

void *hal_dtb(void)
{
	return boot_dtb_pa ? hal_phys_to_virt(boot_dtb_pa) : NULL;
}

const char *hal_cmdline(void)
{
	return "";
}

/* Only the boot CPU runs until CPUs are started (boot.S parks the others). */
int hal_cpu_id(void)
{
	return 0;
}

static uint64_t page_up(uint64_t a)
{
	return (a + HAL_PAGE_SIZE - 1) & ~(HAL_PAGE_SIZE - 1);
}

static int add_range(struct hal_mem_range *out, int n, int max, uint64_t start, uint64_t end)
{
	if (start < end && n < max) {
		out[n].start = start;
		out[n].end = end;
		n++;
	}
	return n;
}

/*
 * Usable RAM: from the end of the kernel to the end of RAM, minus the DTB.
 * QEMU puts the DTB 128 MiB into RAM (half way into a smaller RAM), so
 * that makes two ranges: below and above it. The 512 KiB below
 * the kernel holds QEMU's boot stub; we leave it alone.
 */
int hal_mem_ranges(struct hal_mem_range *out, int max)
{
	uint64_t base = 0x40000000, size = 128UL << 20;
	int len;
	const uint8_t *reg = dtb_prop("memory", "reg", &len);
	if (reg != NULL && len >= 16) {
		base = dtb_read_cells(reg, 2);
		size = dtb_read_cells(reg + 8, 2);
	}
	uint64_t start = page_up(hal_virt_to_phys(kernel_end));
	uint64_t end = base + size;
	uint64_t dtb_start = boot_dtb_pa & ~(HAL_PAGE_SIZE - 1);
	uint64_t dtb_size = hal_dtb() ? dtb_read_cells((char *)hal_dtb() + 4, 1) : 0;
	uint64_t dtb_end = page_up(boot_dtb_pa + dtb_size);
	int n = 0;
	n = add_range(out, n, max, start, dtb_start < end ? dtb_start : end);
	n = add_range(out, n, max, dtb_end > start ? dtb_end : start, end);
	return n;
}

/* Clean the data cache to the point of unification line by line (line
   size from CTR_EL0.DminLine), then invalidate the whole instruction
   cache, which also drops lines held under other virtual addresses. */
void hal_sync_icache(const void *va, size_t len)
{
	uint64_t line = 4UL << ((sysreg_read(ctr_el0) >> 16) & 0xf);
	uint64_t p = (uint64_t)va & ~(line - 1);
	for (; p < (uint64_t)va + len; p += line)
		asm volatile("dc cvau, %0" ::"r"(p) : "memory");
	asm volatile("dsb ish; ic ialluis; dsb ish; isb" ::: "memory");
}

void hal_intr_on(void)
{
	asm volatile("msr daifclr, #2" ::: "memory");
}

void hal_intr_off(void)
{
	asm volatile("msr daifset, #2" ::: "memory");
}

bool hal_intr_save(void)
{
	uint64_t daif = sysreg_read(daif);
	hal_intr_off();
	return (daif & DAIF_I) == 0;
}

void hal_intr_restore(bool was_on)
{
	if (was_on)
		hal_intr_on();
}

/* wfi wakes on a pending IRQ even while DAIF.I masks it; unmasking for
   a moment then takes it. */
void hal_idle(void)
{
	asm volatile("dsb sy\n\twfi" ::: "memory");
	asm volatile("msr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
}
