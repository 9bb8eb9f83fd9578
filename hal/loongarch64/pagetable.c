/*
 * pagetable.c - loongarch64 address spaces: 16 KiB pages, three levels of
 * page-table pages with 2048 entries each (11 + 11 + 11 index bits + 14
 * offset bits = 47-bit user space). 16 KiB is Linux/LoongArch's default,
 * and QEMU 7.2 keeps LoongArch guest memory in 16 KiB units: smaller pages
 * would alias. The kernel lives in the DMW windows, which bypass page
 * tables, so it is in every address space without a single entry: a page
 * table holds the user half only.
 *
 * The TLB is refilled in software (tlb_refill in trap.S) from the root in
 * PGDL: lddir walks the directories as PWCL/PWCH describe them, plain
 * loads fetch the even/odd pair of page table entries. lddir follows a
 * directory entry whatever it holds, so an empty entry is never 0: it
 * points at empty_table, whose entries all point back at itself. A walk
 * that enters it ends on a page table entry without V, and the access
 * page-faults.
 *
 * A page table entry is in the TLB's own format (TLBELO):
 *   bit 0 V, 1 D (stores allowed), 3:2 PLV, 5:4 MAT, 47:14 frame,
 *   61 NR (not readable), 62 NX (not executable).
 * NR is enforced. NX is recorded (hal_pt_translate reports it) but the
 * refill clears it (REFILL_KEEPS_NX in loongarch.h): on QEMU 7.2 a fetch
 * from an NX page hangs the whole machine, and no other bit can make a
 * page readable but not executable (see trap.S, docs/ch4.md). So every
 * user page is executable in practice: a known limitation, which the
 * ch4_exec_* tests show on every run.
 */
#include "hal.h"
#include "loongarch.h"

_Static_assert(HAL_PAGE_SIZE == 1UL << PAGE_SHIFT, "arch.mk's HAL_PAGE_SIZE is the page size");

#define PTE_V (1UL << 0)
#define PTE_D (1UL << 1) /* dirty: stores allowed (set up front when writable) */
#define PTE_PLV_MASK (3UL << 2)
#define PTE_PLV_USER (3UL << 2)
#define PTE_MAT_MASK (3UL << 4)
#define PTE_MAT_CC (1UL << 4) /* coherent cached; 0 is strongly-ordered uncached */
#define PTE_NR (1UL << 61)
#define PTE_NX (1UL << PTE_NX_BIT) /* kept here, not given to the TLB */
#define PTE_PA_MASK 0x0000ffffffffc000UL

#define ENTRIES (1 << PT_BITS)
#define INDEX(va, level) (((va) >> (PAGE_SHIFT + PT_BITS * (level))) & (ENTRIES - 1))
#define USER_END (1UL << (PAGE_SHIFT + PT_BITS * PT_LEVELS))

/*
 * Page walk: page table at bit 14 and directory 1 at bit 25 (PWCL), the
 * root as directory 3 at bit 36 (PWCH, whose base fields are 6 bits wide:
 * PWCL's 5-bit ones cannot say 36), each 11 bits wide; 8-byte entries.
 * Directory 2 has width 0: the refill skips it, as Linux does.
 */
#define PWCL_VALUE (PAGE_SHIFT | PT_BITS << 5 | (PAGE_SHIFT + PT_BITS) << 10 | PT_BITS << 15)
#define PWCH_VALUE ((PAGE_SHIFT + 2 * PT_BITS) | PT_BITS << 6)
#define TLBIDX_PS_SHIFT 24

static uint64_t empty_table[ENTRIES] __attribute__((aligned(HAL_PAGE_SIZE)));
static uint64_t empty_pa;

static void fill_empty(uint64_t *table)
{
	for (int i = 0; i < ENTRIES; i++)
		table[i] = empty_pa;
}

/* Called by hal_trap_init(): describe the page tables to the refill. */
void tlb_init(void)
{
	empty_pa = hal_virt_to_phys(empty_table);
	fill_empty(empty_table);
	csr_write(CSR_PWCL, PWCL_VALUE);
	csr_write(CSR_PWCH, PWCH_VALUE);
	/* the page size: of the STLB, of refilled entries, of tlbwr/tlbfill */
	csr_write(CSR_STLBPS, PAGE_SHIFT);
	csr_write(CSR_TLBREHI, PAGE_SHIFT);
	csr_write(CSR_TLBIDX, (uint64_t)PAGE_SHIFT << TLBIDX_PS_SHIFT);
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
	for (int level = PT_LEVELS - 1; level > 0; level--) {
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

bool hal_pt_active(struct hal_pagetable *pt)
{
	return csr_read(CSR_PGDL) == hal_virt_to_phys(pt);
}

/* The page table entry that maps pa with HAL_PTE_* `flags`. */
static uint64_t make_pte(uint64_t pa, int flags)
{
	uint64_t bits = PTE_V;
	if (flags & HAL_PTE_W)
		bits |= PTE_D; /* D set up front: no page-modified fault */
	if (!(flags & (HAL_PTE_R | HAL_PTE_W)))
		bits |= PTE_NR;
	if (!(flags & HAL_PTE_X))
		bits |= PTE_NX;
	if (flags & HAL_PTE_U)
		bits |= PTE_PLV_USER;
	if (!(flags & HAL_PTE_DEVICE))
		bits |= PTE_MAT_CC;
	return (pa & PTE_PA_MASK) | bits;
}

int hal_pt_map(struct hal_pagetable *pt, uint64_t va, uint64_t pa, int flags)
{
	uint64_t *pte = walk(pt, va, true);
	if (pte == NULL || (*pte & PTE_V))
		return -1;
	*pte = make_pte(pa, flags); /* the TLB may keep an invalid entry: the caller flushes */
	return 0;
}

/* A page without D (not writable) makes a store raise the page-modified
   exception (PME), which trap.c reports as a store fault. The TLB keeps
   the old entry until the caller flushes it. */
int hal_pt_protect(struct hal_pagetable *pt, uint64_t va, int flags)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_V))
		return -1;
	*pte = make_pte(*pte & PTE_PA_MASK, flags);
	return 0;
}

uint64_t hal_pt_unmap(struct hal_pagetable *pt, uint64_t va)
{
	uint64_t *pte = walk(pt, va, false);
	if (pte == NULL || !(*pte & PTE_V))
		return 0;
	uint64_t pa = *pte & PTE_PA_MASK;
	*pte = 0;
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
	if (*pte & PTE_D)
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
	for (int i = 0; level > 0 && i < ENTRIES; i++)
		if (table[i] != empty_pa)
			free_level(hal_phys_to_virt(table[i]), level - 1);
	kernel_page_free(hal_virt_to_phys(table));
}

void hal_pt_destroy(struct hal_pagetable *pt)
{
	free_level((uint64_t *)pt, PT_LEVELS - 1);
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
