/*
 * pagetable.c - loongarch64 address spaces: four levels of 512 entries,
 * 4 KiB pages, 48-bit virtual addresses. The kernel lives in the DMW
 * windows, which bypass page tables, so it is in every address space
 * without a single entry: a page table holds the user half only.
 *
 * The TLB is refilled in software (tlb_refill in trap.S) from the root in
 * PGDL, by lddir/ldpte as PWCL/PWCH describe the levels. lddir follows a
 * directory entry whatever it holds, so an empty entry is never 0: it
 * points at empty_table, whose entries all point back at itself. A walk
 * that enters it ends on a page table entry without V, and the access
 * page-faults.
 */
#include "hal.h"
#include "loongarch.h"

#define PTE_V (1UL << 0)
#define PTE_D (1UL << 1) /* dirty: stores allowed */
#define PTE_PLV_MASK (3UL << 2)
#define PTE_PLV_USER (3UL << 2)
#define PTE_MAT_MASK (3UL << 4)
#define PTE_MAT_CC (1UL << 4) /* coherent cached; 0 is strongly-ordered uncached */
#define PTE_P (1UL << 7)      /* software: present (as Linux) */
#define PTE_W (1UL << 8)      /* software: writable (as Linux) */
#define PTE_NR (1UL << 61)
#define PTE_NX (1UL << 62)
#define PTE_PA_MASK 0x0000fffffffff000UL

/*
 * QEMU 7.2 keeps its own translations in 16 KiB units (TARGET_PAGE_BITS
 * 14): a 4 KiB page maps the whole 16 KiB block around it to the 16 KiB
 * block around its frame. A page whose frame differs from it modulo
 * 16 KiB would silently reach the wrong memory, so hal_pt_map refuses it.
 */
#define QEMU_BLOCK_MASK 0x3fffUL

#define INDEX(va, level) (((va) >> (12 + 9 * (level))) & 0x1ff)
#define USER_END (1UL << 47)

/* Page walk: PT at bit 12, dir 1 at 21, dir 2 at 30 (PWCL), dir 3 at 39
   (PWCH), each 9 bits wide; 8-byte entries. */
#define PWCL_VALUE (12 | 9 << 5 | 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25)
#define PWCH_VALUE (39 | 9 << 6)
#define PS_4K 12

static uint64_t empty_table[512] __attribute__((aligned(4096)));
static uint64_t empty_pa;

static void fill_empty(uint64_t *table)
{
	for (int i = 0; i < 512; i++)
		table[i] = empty_pa;
}

/* Called by hal_trap_init(): describe the page tables to the refill. */
void tlb_init(void)
{
	empty_pa = hal_virt_to_phys(empty_table);
	fill_empty(empty_table);
	csr_write(CSR_PWCL, PWCL_VALUE);
	csr_write(CSR_PWCH, PWCH_VALUE);
	csr_write(CSR_STLBPS, PS_4K);
	csr_write(CSR_TLBREHI, PS_4K);
	csr_write(CSR_ASID, 0);	       /* one ASID: activating flushes the TLB */
	csr_write(CSR_PGDH, empty_pa); /* upper half: nothing, at any level */
	hal_pt_activate(NULL);
}

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
	fill_empty(root);
	return (struct hal_pagetable *)root;
}

/* The leaf entry for va, allocating the tables on the way if `alloc`. */
static uint64_t *walk(struct hal_pagetable *pt, uint64_t va, bool alloc)
{
	if (va >= USER_END)
		return NULL;
	uint64_t *table = (uint64_t *)pt;
	for (int level = 3; level > 0; level--) {
		uint64_t *pde = &table[INDEX(va, level)];
		if (*pde == empty_pa) {
			uint64_t pa = alloc ? kernel_page_alloc() : 0;
			if (pa == 0)
				return NULL;
			if (level > 1)
				fill_empty(hal_phys_to_virt(pa)); /* a directory */
			*pde = pa;
		}
		table = hal_phys_to_virt(*pde);
	}
	return &table[INDEX(va, 0)];
}

/* Only the active address space can have entries in the TLB. */
static bool is_active(struct hal_pagetable *pt)
{
	return csr_read(CSR_PGDL) == hal_virt_to_phys(pt);
}

int hal_pt_map(struct hal_pagetable *pt, uint64_t va, uint64_t pa, int flags)
{
	if ((va ^ pa) & QEMU_BLOCK_MASK)
		return -1;
	uint64_t *pte = walk(pt, va, true);
	if (pte == NULL || (*pte & PTE_V))
		return -1;
	uint64_t bits = PTE_V | PTE_P;
	if (flags & HAL_PTE_W)
		bits |= PTE_W | PTE_D; /* D set up front: no page-modified fault */
	if (!(flags & (HAL_PTE_R | HAL_PTE_W)))
		bits |= PTE_NR;
	if (!(flags & HAL_PTE_X))
		bits |= PTE_NX;
	if (flags & HAL_PTE_U)
		bits |= PTE_PLV_USER;
	if (!(flags & HAL_PTE_DEVICE))
		bits |= PTE_MAT_CC;
	*pte = (pa & PTE_PA_MASK) | bits;
	if (is_active(pt))
		hal_tlb_flush_page(va); /* the TLB keeps invalid entries too */
	return 0;
}

uint64_t hal_pt_unmap(struct hal_pagetable *pt, uint64_t va)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_V))
		return 0;
	uint64_t pa = *pte & PTE_PA_MASK;
	*pte = 0;
	if (is_active(pt))
		hal_tlb_flush_page(va);
	return pa;
}

bool hal_pt_translate(struct hal_pagetable *pt, uint64_t va, uint64_t *pa, int *flags)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_V))
		return false;
	*pa = (*pte & PTE_PA_MASK) | (va & (HAL_PAGE_SIZE - 1));
	int f = 0;
	if (!(*pte & PTE_NR))
		f |= HAL_PTE_R;
	if (*pte & PTE_W)
		f |= HAL_PTE_W;
	if (!(*pte & PTE_NX))
		f |= HAL_PTE_X;
	if ((*pte & PTE_PLV_MASK) == PTE_PLV_USER)
		f |= HAL_PTE_U;
	if ((*pte & PTE_MAT_MASK) == 0)
		f |= HAL_PTE_DEVICE;
	*flags = f;
	return true;
}

static void free_level(uint64_t *table, int level)
{
	for (int i = 0; level > 0 && i < 512; i++)
		if (table[i] != empty_pa)
			free_level(hal_phys_to_virt(table[i]), level - 1);
	kernel_page_free(hal_virt_to_phys(table));
}

void hal_pt_destroy(struct hal_pagetable *pt)
{
	free_level((uint64_t *)pt, 3);
}

void hal_pt_activate(struct hal_pagetable *pt)
{
	csr_write(CSR_PGDL, pt != NULL ? hal_virt_to_phys(pt) : empty_pa);
	hal_tlb_flush_all();
}

/* invtlb op 5: the non-global entries of ASID 0 that map va */
void hal_tlb_flush_page(uint64_t va)
{
	asm volatile("invtlb 0x5, $zero, %0" ::"r"(va) : "memory");
}

/* invtlb op 0: every entry */
void hal_tlb_flush_all(void)
{
	asm volatile("invtlb 0x0, $zero, $zero" ::: "memory");
}
