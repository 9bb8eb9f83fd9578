/*
 * cpu.c - x86_64 boot-time C code, memory map, address conversion and
 * interrupt enable bit.
 *
 * QEMU's Multiboot loader puts its information block, command line and
 * memory map in RAM that we will hand out as free (the block sits right
 * after the kernel image), so hal_boot() copies what we need first.
 */
#include "hal.h"
#include "x86.h"

/* The parts of the Multiboot v1 information block we read. */
struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper; /* KiB below 1 MiB, KiB above 1 MiB (flag 0) */
	uint32_t boot_device;
	uint32_t cmdline; /* physical address of a C string (flag 2) */
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr; /* the memory map (flag 6) */
};
#define MB_INFO_MEM (1 << 0)
#define MB_INFO_CMDLINE (1 << 2)
#define MB_INFO_MMAP (1 << 6)

/* One memory map entry; `size` does not count itself. */
struct mb_mmap {
	uint32_t size;
	uint64_t base, len;
	uint32_t type; /* 1 = available RAM */
} __attribute__((packed));

#define MAX_RANGES 16
static struct hal_mem_range ram[MAX_RANGES];
static int nram;
static char cmdline[256];

extern char kernel_end[];

const char *hal_arch_name(void)
{
	return "x86_64";
}

/* Add RAM [start, end) minus the first MiB, the kernel image and what the
   direct map does not cover, in whole pages. */
static void add_ram(uint64_t start, uint64_t end)
{
	uint64_t low = hal_virt_to_phys(kernel_end);
	if (start < low)
		start = low;
	if (end > DIRECT_MAP_SIZE)
		end = DIRECT_MAP_SIZE;
	start = (start + HAL_PAGE_SIZE - 1) & ~(HAL_PAGE_SIZE - 1);
	end &= ~(HAL_PAGE_SIZE - 1);
	if (start < end && nram < MAX_RANGES)
		ram[nram++] = (struct hal_mem_range){start, end};
}

static void save_multiboot(uint64_t mb_pa)
{
	const struct mb_info *mb = hal_phys_to_virt(mb_pa);
	if (mb->flags & MB_INFO_CMDLINE) {
		/* QEMU passes "<kernel file> <-append text>": keep the -append text */
		const char *s = hal_phys_to_virt(mb->cmdline);
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
		for (size_t i = 0; i < sizeof(cmdline) - 1 && s[i]; i++)
			cmdline[i] = s[i];
	}
	if (mb->flags & MB_INFO_MMAP) {
		const uint8_t *p = hal_phys_to_virt(mb->mmap_addr);
		const uint8_t *end = p + mb->mmap_length;
		for (; p < end; p += ((const struct mb_mmap *)p)->size + 4) {
			const struct mb_mmap *e = (const struct mb_mmap *)p;
			if (e->type == 1)
				add_ram(e->base, e->base + e->len);
		}
	} else if (mb->flags & MB_INFO_MEM) {
		add_ram(0x100000, 0x100000 + (uint64_t)mb->mem_upper * 1024);
	}
}

/* Called by boot.S on the upper-half stack with BSS cleared; mb_pa is the
   physical address of the Multiboot information, 0 if none. */
void hal_boot(uint64_t mb_pa)
{
	console_init();
	if (mb_pa)
		save_multiboot(mb_pa);
	kernel_main(0);
}

void *hal_phys_to_virt(uint64_t pa)
{
	return (void *)(pa + DIRECT_MAP);
}

/* Works for both kernel image addresses and direct-map addresses. */
uint64_t hal_virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;
	if (v >= KERNEL_BASE)
		return v - KERNEL_BASE;
	return v - DIRECT_MAP;
}

void *hal_dtb(void)
{
	return NULL;
}

const char *hal_cmdline(void)
{
	return cmdline;
}

int hal_cpu_id(void)
{
	return 0;
}

int hal_mem_ranges(struct hal_mem_range *out, int max)
{
	int n = 0;
	for (; n < nram && n < max; n++)
		out[n] = ram[n];
	return n;
}

void hal_intr_on(void)
{
	asm volatile("sti" ::: "memory");
}

void hal_intr_off(void)
{
	asm volatile("cli" ::: "memory");
}

bool hal_intr_save(void)
{
	uint64_t f = read_rflags();
	hal_intr_off();
	return (f & RFLAGS_IF) != 0;
}

void hal_intr_restore(bool was_on)
{
	if (was_on)
		hal_intr_on();
}

/* hlt wakes only for an interrupt the CPU may take (IF set). sti holds
   interrupts off for one more instruction, so none can slip in between
   sti and hlt and leave hlt waiting for the next. */
void hal_idle(void)
{
	asm volatile("sti\n\thlt\n\tcli" ::: "memory");
}

/* x86 keeps instruction fetch coherent with stores (even self-modifying
   code): nothing to do. */
void hal_sync_icache(const void *va, size_t len)
{
	(void)va;
	(void)len;
}

int hal_elf_machine(void)
{
	return 62; /* EM_X86_64 */
}
