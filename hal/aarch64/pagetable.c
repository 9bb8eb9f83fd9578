/*
 * pagetable.c - aarch64 user address spaces: TTBR0 tables of four levels
 * (0-3) of 512 entries, 4 KiB pages, 48-bit virtual addresses. The kernel
 * half lives in TTBR1 (boot.S's table), so every address space shares it
 * without copying anything: a new address space is just an empty level 0.
 */
#include "hal.h"
#include "aarch64.h"

#define INDEX(va, level) (((va) >> (39 - 9 * (level))) & 0x1ff)
#define USER_END (1UL << 48)

extern uint64_t boot_empty_l0[512]; /* boot.S: TTBR0 with no user mappings */

uint64_t hal_user_end(void)
{
	return USER_END;
}

struct hal_pagetable *hal_pt_create(void)
{
	uint64_t pa = kernel_page_alloc();
	return pa ? hal_phys_to_virt(pa) : NULL;
}

/* Make table writes visible to the page-table walker. */
static void pt_sync(void)
{
	asm volatile("dsb ishst" ::: "memory");
}

/* The level-3 entry for va, allocating the tables on the way if `alloc`. */
static uint64_t *walk(struct hal_pagetable *pt, uint64_t va, bool alloc)
{
	uint64_t *table = (uint64_t *)pt;
	for (int level = 0; level < 3; level++) {
		uint64_t *pte = &table[INDEX(va, level)];
		if (*pte & PTE_VALID) {
			if (!(*pte & PTE_TABLE))
				return NULL; /* a block: not ours to split */
		} else {
			uint64_t pa = alloc ? kernel_page_alloc() : 0;
			if (pa == 0)
				return NULL;
			*pte = pa | PTE_VALID | PTE_TABLE;
		}
		table = hal_phys_to_virt(*pte & PTE_ADDR);
	}
	return &table[INDEX(va, 3)];
}

/* The level-3 entry that maps pa with HAL_PTE_* `flags`. */
static uint64_t make_pte(uint64_t pa, int flags)
{
	uint64_t bits = PTE_VALID | PTE_PAGE | PTE_AF | PTE_NG;
	if (flags & HAL_PTE_DEVICE)
		bits |= PTE_ATTR(MT_DEVICE);
	else
		bits |= PTE_ATTR(MT_NORMAL) | PTE_SH_INNER;
	if (!(flags & HAL_PTE_W))
		bits |= PTE_AP_RO;
	if (flags & HAL_PTE_U) {
		bits |= PTE_AP_EL0 | PTE_PXN; /* the kernel never runs user code */
		if (!(flags & HAL_PTE_X))
			bits |= PTE_UXN;
	} else {
		bits |= PTE_UXN;
		if (!(flags & HAL_PTE_X))
			bits |= PTE_PXN;
	}
	return (pa & PTE_ADDR) | bits;
}

int hal_pt_map(struct hal_pagetable *pt, uint64_t va, uint64_t pa, int flags)
{
	if (va >= USER_END)
		return -1;
	uint64_t *pte = walk(pt, va, true);
	if (pte == NULL || (*pte & PTE_VALID))
		return -1;
	*pte = make_pte(pa, flags);
	pt_sync();
	return 0;
}

int hal_pt_protect(struct hal_pagetable *pt, uint64_t va, int flags)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_VALID))
		return -1;
	*pte = make_pte(*pte & PTE_ADDR, flags);
	pt_sync();
	return 0;
}

uint64_t hal_pt_unmap(struct hal_pagetable *pt, uint64_t va)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_VALID))
		return 0;
	uint64_t pa = *pte & PTE_ADDR;
	*pte = 0;
	pt_sync();
	return pa;
}

bool hal_pt_translate(struct hal_pagetable *pt, uint64_t va, uint64_t *pa, int *flags)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_VALID))
		return false;
	*pa = (*pte & PTE_ADDR) | (va & (HAL_PAGE_SIZE - 1));
	int f = HAL_PTE_R; /* every valid page is readable */
	if (!(*pte & PTE_AP_RO))
		f |= HAL_PTE_W;
	if (*pte & PTE_AP_EL0)
		f |= HAL_PTE_U;
	if (!(*pte & ((*pte & PTE_AP_EL0) ? PTE_UXN : PTE_PXN)))
		f |= HAL_PTE_X;
	if ((*pte & PTE_ATTR(3UL)) == PTE_ATTR(MT_DEVICE))
		f |= HAL_PTE_DEVICE;
	*flags = f;
	return true;
}

static void free_level(uint64_t *table, int level)
{
	for (int i = 0; i < 512; i++) {
		uint64_t e = table[i];
		if (level < 3 && (e & PTE_VALID) && (e & PTE_TABLE))
			free_level(hal_phys_to_virt(e & PTE_ADDR), level + 1);
	}
	kernel_page_free(hal_virt_to_phys(table));
}

void hal_pt_destroy(struct hal_pagetable *pt)
{
	free_level((uint64_t *)pt, 0);
}

/* TTBR0 = pt (no ASIDs: every switch flushes the user TLB entries). */
void hal_pt_activate(struct hal_pagetable *pt)
{
	uint64_t *l0 = pt ? (uint64_t *)pt : boot_empty_l0;
	asm volatile("dsb ish" ::: "memory");
	sysreg_write(ttbr0_el1, hal_virt_to_phys(l0));
	asm volatile("isb; tlbi vmalle1; dsb ish; isb" ::: "memory");
}

bool hal_pt_active(struct hal_pagetable *pt)
{
	return (sysreg_read(ttbr0_el1) & PTE_ADDR) == hal_virt_to_phys(pt);
}

/* tlbi takes VA[55:12] in bits 43:0, for every ASID (vaa). */
void hal_tlb_flush_page(uint64_t va)
{
	uint64_t arg = (va >> 12) & ((1UL << 44) - 1);
	asm volatile("dsb ishst; tlbi vaae1is, %0; dsb ish; isb" ::"r"(arg) : "memory");
}

void hal_tlb_flush_all(void)
{
	asm volatile("dsb ishst; tlbi vmalle1is; dsb ish; isb" ::: "memory");
}
