/*
 * pagetable.c - x86_64 address spaces: four levels (PML4, PDPT, PD, PT) of
 * 512 entries, 4 KiB pages, 48-bit virtual addresses. Every address space
 * shares the kernel half (PML4 entries 256..511: the direct map and the
 * kernel image) with the boot page table, without its identity map.
 */
#include "hal.h"
#include "x86.h"

#define PTE_ADDR 0x000ffffffffff000UL
#define PTE_TABLE (PTE_P | PTE_W | PTE_U) /* a table entry: the leaf decides */
#define INDEX(va, lvl) (((va) >> (12 + 9 * (lvl))) & 0x1ff)
#define USER_END (1UL << 47) /* the lower canonical half */

extern uint64_t boot_pml4[512];

/* The kernel-only address space: boot_pml4 without the identity map. */
static uint64_t kernel_pml4[512] __attribute__((aligned(4096)));

uint64_t hal_user_end(void)
{
	return USER_END;
}

static void copy_kernel_half(uint64_t *root)
{
	for (int i = 256; i < 512; i++)
		root[i] = boot_pml4[i];
}

struct hal_pagetable *hal_pt_create(void)
{
	uint64_t pa = kernel_page_alloc();
	if (pa == 0)
		return NULL;
	uint64_t *root = hal_phys_to_virt(pa);
	copy_kernel_half(root);
	return (struct hal_pagetable *)root;
}

/* The leaf entry for va, allocating the tables on the way if `alloc`. */
static uint64_t *walk(struct hal_pagetable *pt, uint64_t va, bool alloc)
{
	uint64_t *table = (uint64_t *)pt;
	for (int level = 3; level > 0; level--) {
		uint64_t *pte = &table[INDEX(va, level)];
		if (*pte & PTE_P) {
			if (*pte & PTE_PS)
				return NULL; /* a huge page: not ours to split */
		} else {
			uint64_t pa = alloc ? kernel_page_alloc() : 0;
			if (pa == 0)
				return NULL;
			*pte = pa | PTE_TABLE;
		}
		table = hal_phys_to_virt(*pte & PTE_ADDR);
	}
	return &table[INDEX(va, 0)];
}

/* The leaf entry that maps pa with HAL_PTE_* `flags`. */
static uint64_t make_pte(uint64_t pa, int flags)
{
	uint64_t bits = PTE_P; /* present pages are readable: no R bit */
	if (flags & HAL_PTE_W)
		bits |= PTE_W;
	if (!(flags & HAL_PTE_X))
		bits |= PTE_NX;
	if (flags & HAL_PTE_U)
		bits |= PTE_U;
	if (flags & HAL_PTE_DEVICE)
		bits |= PTE_PCD | PTE_PWT;
	return (pa & PTE_ADDR) | bits;
}

int hal_pt_map(struct hal_pagetable *pt, uint64_t va, uint64_t pa, int flags)
{
	if (va >= USER_END)
		return -1;
	uint64_t *pte = walk(pt, va, true);
	if (pte == NULL || (*pte & PTE_P))
		return -1;
	*pte = make_pte(pa, flags);
	return 0;
}

/* A user store to a page without W raises #PF with error code bits P|W|U
   (the kernel writes through the direct map, so CR0.WP never matters). */
int hal_pt_protect(struct hal_pagetable *pt, uint64_t va, int flags)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_P))
		return -1;
	*pte = make_pte(*pte & PTE_ADDR, flags);
	return 0;
}

uint64_t hal_pt_unmap(struct hal_pagetable *pt, uint64_t va)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_P))
		return 0;
	uint64_t pa = *pte & PTE_ADDR;
	*pte = 0;
	return pa;
}

bool hal_pt_translate(struct hal_pagetable *pt, uint64_t va, uint64_t *pa, int *flags)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_P))
		return false;
	*pa = (*pte & PTE_ADDR) | (va & (HAL_PAGE_SIZE - 1));
	int f = HAL_PTE_R;
	if (*pte & PTE_W)
		f |= HAL_PTE_W;
	if (!(*pte & PTE_NX))
		f |= HAL_PTE_X;
	if (*pte & PTE_U)
		f |= HAL_PTE_U;
	if (*pte & PTE_PCD)
		f |= HAL_PTE_DEVICE;
	*flags = f;
	return true;
}

static void free_level(uint64_t *table, int level)
{
	if (level > 0) {
		for (int i = 0; i < 512; i++)
			if ((table[i] & PTE_P) && !(table[i] & PTE_PS))
				free_level(hal_phys_to_virt(table[i] & PTE_ADDR), level - 1);
	}
	kernel_page_free(hal_virt_to_phys(table));
}

void hal_pt_destroy(struct hal_pagetable *pt)
{
	uint64_t *root = (uint64_t *)pt;
	for (int i = 0; i < 256; i++)
		if (root[i] & PTE_P)
			free_level(hal_phys_to_virt(root[i] & PTE_ADDR), 2);
	kernel_page_free(hal_virt_to_phys(root));
}

void hal_pt_activate(struct hal_pagetable *pt)
{
	if (pt == NULL) {
		if (kernel_pml4[511] == 0)
			copy_kernel_half(kernel_pml4);
		pt = (struct hal_pagetable *)kernel_pml4;
	}
	write_cr(3, hal_virt_to_phys(pt)); /* also flushes the TLB */
}

bool hal_pt_active(struct hal_pagetable *pt)
{
	return (read_cr(3) & PTE_ADDR) == hal_virt_to_phys(pt);
}

void hal_tlb_flush_page(uint64_t va)
{
	asm volatile("invlpg (%0)" ::"r"(va) : "memory");
}

void hal_tlb_flush_all(void)
{
	write_cr(3, read_cr(3));
}
