/*
 * sys_mem.c - memory system calls (chapter 4), with rCore's semantics:
 *   sbrk(n)             move the heap's end by n bytes; returns the old end
 *   mmap(start, len, prot)  map fresh zeroed pages; prot R=1 W=2 X=4; returns 0
 *   munmap(start, len)  unmap pages that mmap mapped; returns 0
 * Each returns -1 on any error: unaligned start, bad prot, a page already
 * mapped (mmap) or not mapped by mmap (munmap), no memory or no free area
 * slot left (munmap of a page in the middle of a mapping splits it in two).
 * mmap never maps below USER_BASE (so a NULL pointer always faults, as
 * Linux's mmap_min_addr) nor over the guard page below the user stack.
 */
#include "syscall/syscall.h"

/* LAB 4 mmap: BEGIN */
#define PROT_MASK 7

static int prot_flags(uint64_t prot)
{
	int f = HAL_PTE_U;
	if (prot & 1)
		f |= HAL_PTE_R;
	if (prot & 2)
		f |= HAL_PTE_W;
	if (prot & 4)
		f |= HAL_PTE_X;
	return f;
}

/* Page-aligned [start, start+len rounded up) inside user space? */
static bool user_range(uint64_t start, uint64_t len, uint64_t *end)
{
	if (start % HAL_PAGE_SIZE != 0 || len == 0 || len > hal_user_end())
		return false;
	*end = ROUND_UP(start + len, HAL_PAGE_SIZE);
	return *end > start && *end <= hal_user_end();
}

/* Whether [start, end) touches what must stay unmapped: the pages below
   USER_BASE (NULL) or the stack's guard page. */
static bool hits_hole(uint64_t start, uint64_t end)
{
	uint64_t guard = USER_STACK_TOP - USER_STACK_SIZE - HAL_PAGE_SIZE;
	return start < USER_BASE || (start < guard + HAL_PAGE_SIZE && guard < end);
}

long sys_mmap(struct proc *p, const uint64_t a[6])
{
	uint64_t start = a[0], len = a[1], prot = a[2], end;
	if ((prot & ~(uint64_t)PROT_MASK) != 0 || (prot & PROT_MASK) == 0)
		return -1;
	if (!user_range(start, len, &end) || hits_hole(start, end) ||
	    vm_overlaps(&p->vm, start, end))
		return -1;
	return vm_map(&p->vm, start, end, prot_flags(prot), AREA_MMAP) == 0 ? 0 : -1;
}

long sys_munmap(struct proc *p, const uint64_t a[6])
{
	uint64_t start = a[0], len = a[1], end;
	if (!user_range(start, len, &end))
		return -1;
	for (uint64_t va = start; va < end; va += HAL_PAGE_SIZE) {
		struct area *ar = vm_find(&p->vm, va);
		if (ar == NULL || ar->kind != AREA_MMAP)
			return -1;
	}
	return vm_unmap(&p->vm, start, end);
}
/* LAB 4 mmap: STUB
long sys_mmap(struct proc *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return -1;
}

long sys_munmap(struct proc *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return -1;
}
   LAB 4 mmap: END */

long sys_sbrk(struct proc *p, const uint64_t a[6])
{
	struct vm *vm = &p->vm;
	int64_t n = (int64_t)a[0];
	uint64_t old = vm->brk, new = old + n;
	if (n < 0 ? (uint64_t)-n > old - vm->heap_start
		  : new > USER_STACK_TOP - USER_STACK_SIZE - HAL_PAGE_SIZE)
		return -1;
	uint64_t old_end = ROUND_UP(old, HAL_PAGE_SIZE), new_end = ROUND_UP(new, HAL_PAGE_SIZE);
	int flags = HAL_PTE_R | HAL_PTE_W | HAL_PTE_U;
	if (new_end > old_end && vm_map(vm, old_end, new_end, flags, AREA_HEAP) != 0)
		return -1;
	if (new_end < old_end && vm_unmap(vm, new_end, old_end) != 0)
		return -1;
	vm->brk = new;
	return old;
}
