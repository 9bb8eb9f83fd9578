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

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/*
 * RAM comes from the DTB's /memory node; the full parse lives in the kernel
 * (libfdt, chapter 6). Here we only need the first memory node's reg, so a
 * tiny walk of the structure block is enough. The DTB itself sits at the
 * end of RAM on QEMU virt; we stop usable RAM below it.
 */
static int dtb_memory(uint64_t *base, uint64_t *size)
{
	const uint8_t *dtb = hal_dtb();
	if (dtb == NULL || be32(dtb) != 0xd00dfeed)
		return -1;
	const uint8_t *st = dtb + be32(dtb + 8);
	const char *strs = (const char *)dtb + be32(dtb + 12);
	int in_memory = 0, depth = 0;
	for (const uint8_t *p = st;;) {
		uint32_t tok = be32(p);
		p += 4;
		if (tok == 1) { /* BEGIN_NODE */
			const char *name = (const char *)p;
			depth++;
			if (depth == 2 && name[0] == 'm' && name[1] == 'e' && name[2] == 'm' &&
			    name[3] == 'o' && name[4] == 'r' && name[5] == 'y')
				in_memory = 1;
			while (*p)
				p++;
			p = (const uint8_t *)(((uintptr_t)p + 4) & ~3UL);
		} else if (tok == 2) { /* END_NODE */
			depth--;
			in_memory = 0;
		} else if (tok == 3) { /* PROP */
			uint32_t len = be32(p), nameoff = be32(p + 4);
			const char *pname = strs + nameoff;
			if (in_memory && pname[0] == 'r' && pname[1] == 'e' && pname[2] == 'g' &&
			    pname[3] == 0 && len >= 16) {
				*base = (uint64_t)be32(p + 8) << 32 | be32(p + 12);
				*size = (uint64_t)be32(p + 16) << 32 | be32(p + 20);
				return 0;
			}
			p += 8 + ((len + 3) & ~3U);
		} else if (tok == 4) { /* NOP */
		} else {
			return -1;
		}
	}
}

int hal_mem_ranges(struct hal_mem_range *out, int max)
{
	uint64_t base = 0x80000000, size = 128UL << 20;
	dtb_memory(&base, &size);
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
