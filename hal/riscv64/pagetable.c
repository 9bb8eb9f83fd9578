/*
 * pagetable.c - riscv64 Sv39 address spaces: three levels of 512 entries,
 * 4 KiB pages, 39-bit virtual addresses. Every address space shares the
 * kernel half (root entries 256..511) with the boot page table.
 */
#include "hal.h"
#include "riscv.h"

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)

#define PTE_PA(pte) (((pte) >> 10) << 12)
#define PA_PTE(pa) (((pa) >> 12) << 10)
#define VPN(va, level) (((va) >> (12 + 9 * (level))) & 0x1ff)
#define USER_END (1UL << 38)

extern uint64_t boot_pagetable[512];

uint64_t hal_user_end(void)
{
	return USER_END;
}

struct hal_pagetable *hal_pt_create(void)
{
	uint64_t pa = kernel_page_alloc();
	if (pa == 0)
		return NULL;
	uint64_t *root = hal_phys_to_virt(pa);
	for (int i = 256; i < 512; i++)
		root[i] = boot_pagetable[i];
	return (struct hal_pagetable *)root;
}

/* The leaf entry for va, allocating the tables on the way if `alloc`. */
static uint64_t *walk(struct hal_pagetable *pt, uint64_t va, bool alloc)
{
	uint64_t *table = (uint64_t *)pt;
	for (int level = 2; level > 0; level--) {
		uint64_t *pte = &table[VPN(va, level)];
		if (*pte & PTE_V) {
			if (*pte & PTE_LEAF)
				return NULL; /* a huge page: not ours to split */
		} else {
			uint64_t pa = alloc ? kernel_page_alloc() : 0;
			if (pa == 0)
				return NULL;
			*pte = PA_PTE(pa) | PTE_V;
		}
		table = hal_phys_to_virt(PTE_PA(*pte));
	}
	return &table[VPN(va, 0)];
}

/* The leaf entry that maps pa with HAL_PTE_* `flags`. */
static uint64_t make_pte(uint64_t pa, int flags)
{
	uint64_t bits = PTE_V | PTE_A | PTE_D;
	if (flags & HAL_PTE_R)
		bits |= PTE_R;
	if (flags & HAL_PTE_W)
		bits |= PTE_W | PTE_R; /* W without R is reserved in Sv39 */
	if (flags & HAL_PTE_X)
		bits |= PTE_X;
	if (flags & HAL_PTE_U)
		bits |= PTE_U;
	return PA_PTE(pa) | bits;
}

int hal_pt_map(struct hal_pagetable *pt, uint64_t va, uint64_t pa, int flags)
{
	if (va >= USER_END)
		return -1;
	uint64_t *pte = walk(pt, va, true);
	if (pte == NULL || (*pte & PTE_V))
		return -1;
	*pte = make_pte(pa, flags);
	return 0;
}

int hal_pt_protect(struct hal_pagetable *pt, uint64_t va, int flags)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_V))
		return -1;
	*pte = make_pte(PTE_PA(*pte), flags);
	return 0;
}

uint64_t hal_pt_unmap(struct hal_pagetable *pt, uint64_t va)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_V))
		return 0;
	uint64_t pa = PTE_PA(*pte);
	*pte = 0;
	return pa;
}

bool hal_pt_translate(struct hal_pagetable *pt, uint64_t va, uint64_t *pa, int *flags)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_V))
		return false;
	*pa = PTE_PA(*pte) | (va & (HAL_PAGE_SIZE - 1));
	int f = 0;
	if (*pte & PTE_R)
		f |= HAL_PTE_R;
	if (*pte & PTE_W)
		f |= HAL_PTE_W;
	if (*pte & PTE_X)
		f |= HAL_PTE_X;
	if (*pte & PTE_U)
		f |= HAL_PTE_U;
	*flags = f;
	return true;
}

static void free_level(uint64_t *table, int level)
{
	for (int i = 0; i < 512; i++) {
		if ((table[i] & PTE_V) && !(table[i] & PTE_LEAF) && level > 0)
			free_level(hal_phys_to_virt(PTE_PA(table[i])), level - 1);
	}
	kernel_page_free(hal_virt_to_phys(table));
}

void hal_pt_destroy(struct hal_pagetable *pt)
{
	uint64_t *root = (uint64_t *)pt;
	for (int i = 0; i < 256; i++)
		if ((root[i] & PTE_V) && !(root[i] & PTE_LEAF))
			free_level(hal_phys_to_virt(PTE_PA(root[i])), 1);
	kernel_page_free(hal_virt_to_phys(root));
}

void hal_pt_activate(struct hal_pagetable *pt)
{
	if (pt == NULL)
		pt = (struct hal_pagetable *)boot_pagetable;
	csr_write(satp, (8UL << 60) | (hal_virt_to_phys(pt) >> 12));
	asm volatile("sfence.vma" ::: "memory");
}

bool hal_pt_active(struct hal_pagetable *pt)
{
	return (csr_read(satp) & ((1UL << 44) - 1)) == hal_virt_to_phys(pt) >> 12;
}

/* QEMU 7.2 flushes its whole TLB for any sfence.vma, with an address or not. */
void hal_tlb_flush_page(uint64_t va)
{
	asm volatile("sfence.vma %0" ::"r"(va) : "memory");
}

void hal_tlb_flush_all(void)
{
	asm volatile("sfence.vma" ::: "memory");
}
