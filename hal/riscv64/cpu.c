/*
 * cpu.c - riscv64 boot-time C code, memory map, address conversion and
 * interrupt enable bits.
 */
#include "hal.h"
#include "riscv.h"

uint64_t boot_hartid;
uint64_t boot_dtb_pa;

extern char kernel_start[], kernel_end[];

const char *hal_arch_name(void)
{
	return "riscv64";
}

int hal_elf_machine(void)
{
	return 243; /* EM_RISCV */
}

/* Called by boot.S on the upper-half stack with BSS cleared. */
void hal_boot(uint64_t hartid, uint64_t dtb_pa)
{
	boot_hartid = hartid;
	boot_dtb_pa = dtb_pa;
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

int hal_cpu_id(void)
{
	return 0;
}

int hal_mem_ranges(struct hal_mem_range *out, int max)
{
	uint64_t base = 0x80000000, size = 128UL << 20;
	int len;
	const uint8_t *reg = dtb_prop("memory", "reg", &len);
	if (reg != NULL && len >= 16) {
		base = dtb_read_cells(reg, 2);
		size = dtb_read_cells(reg + 8, 2);
	}
	uint64_t start = hal_virt_to_phys(kernel_end);
	uint64_t end = base + size;
	if (boot_dtb_pa >= start && boot_dtb_pa < end)
		end = boot_dtb_pa & ~(HAL_PAGE_SIZE - 1);
	if (max < 1)
		return 0;
	out[0].start = (start + HAL_PAGE_SIZE - 1) & ~(HAL_PAGE_SIZE - 1);
	out[0].end = end;
	return 1;
}

void hal_sync_icache(const void *va, size_t len)
{
	(void)va;
	(void)len;
	asm volatile("fence.i" ::: "memory");
}

void hal_intr_on(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

void hal_intr_off(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

bool hal_intr_save(void)
{
	uint64_t s;
	asm volatile("csrrc %0, sstatus, %1" : "=r"(s) : "r"(SSTATUS_SIE));
	return (s & SSTATUS_SIE) != 0;
}

void hal_intr_restore(bool was_on)
{
	if (was_on)
		hal_intr_on();
}

/* wfi wakes when an interrupt enabled in `sie` is pending, whatever
   sstatus.SIE says; the short window with SIE on then takes it. */
void hal_idle(void)
{
	asm volatile("wfi" ::: "memory");
	csr_set(sstatus, SSTATUS_SIE);
	csr_clear(sstatus, SSTATUS_SIE);
}
