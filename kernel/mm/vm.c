/*
 * vm.c - user address spaces built from areas (chapter 4).
 *
 * An area is a page-aligned range with one set of permissions and a kind.
 * vm_map() gives every page of a new area a fresh zeroed frame; vm_unmap()
 * frees the frames of a range and trims, splits or drops the areas it
 * touches, so munmap and sbrk can give back part of an area.
 *
 * Fork (chapter 5) copies nothing: vm_clone() maps every frame in both
 * address spaces (frame_share counts the owners) and takes the write
 * permission away from the pages of writable areas in both. Such a page
 * is copy-on-write: its area says writable, its page table entry does
 * not. The first store to it faults, and vm_fault_cow() gives the writer
 * its own copy (or, if no one else maps the frame any more, just the
 * write permission back).
 */
#include "mm/vm.h"

static int device_areas; /* AREA_DEVICE areas in all address spaces */

int vm_init(struct vm *vm)
{
	memset(vm, 0, sizeof(*vm));
	vm->pt = hal_pt_create();
	return vm->pt == NULL ? -1 : 0;
}

struct area *vm_find(struct vm *vm, uint64_t va)
{
	for (int i = 0; i < vm->nareas; i++)
		if (va >= vm->areas[i].start && va < vm->areas[i].end)
			return &vm->areas[i];
	return NULL;
}

bool vm_overlaps(struct vm *vm, uint64_t start, uint64_t end)
{
	for (int i = 0; i < vm->nareas; i++)
		if (start < vm->areas[i].end && vm->areas[i].start < end)
			return true;
	return false;
}

/* After pages in [start, end) of vm were mapped, unmapped or protected:
   make the TLB forget them. Nothing if vm is not the active address space
   (activating flushes); one page alone, a longer range with one flush of
   everything: a flush per page is far dearer under QEMU 7.2 (riscv64's
   sfence.vma empties the whole TLB anyway, loongarch64's invtlb 0x5 per
   page costs much more than one invtlb 0x0). */
static void flush(struct vm *vm, uint64_t start, uint64_t end)
{
	if (start >= end || !hal_pt_active(vm->pt))
		return;
	if (end - start == HAL_PAGE_SIZE)
		hal_tlb_flush_page(start);
	else
		hal_tlb_flush_all();
}

/* Whether va lies in an area whose frames are not ours (AREA_DEVICE). */
static bool borrowed(struct vm *vm, uint64_t va)
{
	struct area *a = vm_find(vm, va);
	return a != NULL && a->kind == AREA_DEVICE;
}

static void unmap_pages(struct vm *vm, uint64_t start, uint64_t end)
{
	for (uint64_t va = start; va < end; va += HAL_PAGE_SIZE) {
		uint64_t pa = hal_pt_unmap(vm->pt, va);
		if (pa != 0 && !borrowed(vm, va))
			frame_free(pa);
	}
	/* One flush for the range. A freed frame may be handed out again
	   before the flush: nothing runs in user mode before it. */
	flush(vm, start, end);
}

/* The area that [start, end) would extend (same kind and flags, ending at
   start), or NULL. */
static struct area *neighbour(struct vm *vm, uint64_t start, int flags, enum area_kind kind)
{
	for (int i = 0; i < vm->nareas; i++) {
		struct area *a = &vm->areas[i];
		if (a->kind == kind && a->flags == flags && a->end == start)
			return a;
	}
	return NULL;
}

int vm_map(struct vm *vm, uint64_t start, uint64_t end, int flags, enum area_kind kind)
{
	if (start >= end || start % HAL_PAGE_SIZE || end % HAL_PAGE_SIZE || end > hal_user_end() ||
	    vm_overlaps(vm, start, end))
		return -1;
	/* Grow a neighbour instead of taking a slot, if there is one. */
	struct area *grow = neighbour(vm, start, flags, kind);
	if (grow == NULL && vm->nareas == MAX_AREAS)
		return -1;
	/* Not enough free frames: fail now, not after seconds of zeroing them
	   with the CPU held (the kernel is not preempted). The frames of
	   programs kept for their next run count as free. */
	uint64_t need = (end - start) / HAL_PAGE_SIZE;
	if (need > frame_free_count())
		textcache_drop();
	if (need > frame_free_count())
		return -1;
	for (uint64_t va = start; va < end; va += HAL_PAGE_SIZE) {
		uint64_t pa = frame_alloc();
		if (pa == 0 || hal_pt_map(vm->pt, va, pa, flags) != 0) {
			if (pa != 0)
				frame_free(pa);
			unmap_pages(vm, start, va);
			return -1;
		}
	}
	flush(vm, start, end);
	if (grow != NULL)
		grow->end = end;
	else
		vm->areas[vm->nareas++] = (struct area){start, end, flags, kind};
	return 0;
}

int vm_add_area(struct vm *vm, uint64_t start, uint64_t end, int flags, enum area_kind kind)
{
	if (start >= end || start % HAL_PAGE_SIZE || end % HAL_PAGE_SIZE || end > hal_user_end() ||
	    vm_overlaps(vm, start, end) || vm->nareas == MAX_AREAS)
		return -1;
	vm->areas[vm->nareas++] = (struct area){start, end, flags, kind};
	return 0;
}

int vm_map_frame(struct vm *vm, uint64_t va, uint64_t pa)
{
	struct area *a = vm_find(vm, va);
	if (a == NULL || a->kind == AREA_DEVICE)
		panic("vm_map_frame: %p is in no area of frames", (void *)va);
	if (hal_pt_map(vm->pt, va, pa, a->flags) != 0)
		return -1;
	flush(vm, va, va + HAL_PAGE_SIZE);
	return 0;
}

int vm_map_device(struct vm *vm, uint64_t start, uint64_t end, uint64_t pa, int flags)
{
	if (start >= end || start % HAL_PAGE_SIZE || end % HAL_PAGE_SIZE || end > hal_user_end() ||
	    vm_overlaps(vm, start, end) || vm->nareas == MAX_AREAS)
		return -1;
	for (uint64_t va = start; va < end; va += HAL_PAGE_SIZE) {
		if (hal_pt_map(vm->pt, va, pa + (va - start), flags) != 0) {
			for (uint64_t v = start; v < va; v += HAL_PAGE_SIZE)
				hal_pt_unmap(vm->pt, v);
			flush(vm, start, va);
			return -1;
		}
	}
	flush(vm, start, end);
	vm->areas[vm->nareas++] = (struct area){start, end, flags, AREA_DEVICE};
	device_areas++;
	return 0;
}

int vm_device_areas(void)
{
	return device_areas;
}

static void drop_area(struct vm *vm, int i)
{
	if (vm->areas[i].kind == AREA_DEVICE)
		device_areas--;
	vm->areas[i] = vm->areas[--vm->nareas];
}

/* LAB 4 mmap: BEGIN */
/* Whether unmapping [start, end) cuts an area in two, which needs a slot. */
static bool splits_an_area(struct vm *vm, uint64_t start, uint64_t end)
{
	for (int i = 0; i < vm->nareas; i++)
		if (vm->areas[i].start < start && end < vm->areas[i].end)
			return true;
	return false;
}
/* LAB 4 mmap: END */

int vm_unmap(struct vm *vm, uint64_t start, uint64_t end)
{
	/* LAB 4 mmap: BEGIN */
	/* Check before anything changes: a failed call leaves all mapped. */
	if (splits_an_area(vm, start, end) && vm->nareas == MAX_AREAS)
		return -1;
	/* LAB 4 mmap: STUB
	for (int i = 0; i < vm->nareas; i++)
		if (start < vm->areas[i].end && vm->areas[i].start < end && end < vm->areas[i].end)
			return -1;
	   LAB 4 mmap: END */
	unmap_pages(vm, start, end);
	for (int i = 0; i < vm->nareas; i++) {
		struct area *a = &vm->areas[i];
		if (end <= a->start || a->end <= start)
			continue;
		if (start <= a->start && a->end <= end) { /* all of it */
			drop_area(vm, i--);
		} else if (a->end <= end) { /* its tail */
			a->end = start;
		} else {
			/* LAB 4 mmap: BEGIN */
			if (start <= a->start) { /* its head */
				a->start = end;
			} else { /* its middle: split in two (a slot is free, see above) */
				vm->areas[vm->nareas++] =
				    (struct area){end, a->end, a->flags, a->kind};
				if (a->kind == AREA_DEVICE)
					device_areas++;
				a->end = start;
			}
			/* LAB 4 mmap: END */
		}
	}
	return 0;
}

void vm_destroy(struct vm *vm)
{
	if (vm->pt == NULL)
		return;
	/* The page table goes as a whole, and it is not active (no TLB entry
	   can be left): just drop our share of every frame, without
	   unmapping page by page. */
	for (int i = 0; i < vm->nareas; i++) {
		struct area *a = &vm->areas[i];
		if (a->kind == AREA_DEVICE) {
			device_areas--;
			continue;
		}
		for (uint64_t va = a->start; va < a->end; va += HAL_PAGE_SIZE) {
			uint64_t pa;
			int flags;
			if (hal_pt_translate(vm->pt, va, &pa, &flags))
				frame_free(pa);
		}
	}
	vm->nareas = 0;
	hal_pt_destroy(vm->pt);
	vm->pt = NULL;
}

int vm_write(struct vm *vm, uint64_t va, const void *src, size_t n)
{
	const uint8_t *s = src;
	while (n > 0) {
		uint64_t pa;
		int flags;
		if (!hal_pt_translate(vm->pt, va, &pa, &flags))
			return -1;
		size_t chunk = HAL_PAGE_SIZE - (va % HAL_PAGE_SIZE);
		if (chunk > n)
			chunk = n;
		memcpy(hal_phys_to_virt(pa), s, chunk);
		hal_sync_icache(hal_phys_to_virt(pa), chunk);
		va += chunk;
		s += chunk;
		n -= chunk;
	}
	return 0;
}

int vm_clone(struct vm *dst, struct vm *src)
{
	if (vm_init(dst) != 0)
		return -1;
	bool protected = false;
	for (int i = 0; i < src->nareas; i++) {
		struct area *a = &src->areas[i];
		if (a->kind == AREA_DEVICE) { /* shared, not copied */
			uint64_t pa;
			int flags;
			if (!hal_pt_translate(src->pt, a->start, &pa, &flags) ||
			    vm_map_device(dst, a->start, a->end, pa, a->flags) != 0) {
				vm_destroy(dst);
				return -1;
			}
			continue;
		}
		/* The area first, so that vm_destroy frees what is mapped so far. */
		dst->areas[dst->nareas++] = *a;
		int shared = a->flags & ~HAL_PTE_W;
		for (uint64_t va = a->start; va < a->end; va += HAL_PAGE_SIZE) {
			uint64_t pa;
			int flags;
			if (!hal_pt_translate(src->pt, va, &pa, &flags))
				panic("vm_clone: page %p of an area is not mapped", (void *)va);
			if (hal_pt_map(dst->pt, va, pa, shared) != 0) {
				vm_destroy(dst); /* out of memory for page tables */
				hal_tlb_flush_all();
				return -1;
			}
			frame_share(pa);
			if (flags & HAL_PTE_W) {
				hal_pt_protect(src->pt, va, shared);
				protected = true;
			}
		}
	}
	if (protected)
		hal_tlb_flush_all(); /* the parent's stale writable entries */
	dst->heap_start = src->heap_start;
	dst->brk = src->brk;
	return 0;
}

int vm_fault_cow(struct vm *vm, uint64_t va)
{
	struct area *a = vm_find(vm, va);
	uint64_t pa;
	int flags;
	va = ROUND_DOWN(va, HAL_PAGE_SIZE);
	if (a == NULL || a->kind == AREA_DEVICE || !(a->flags & HAL_PTE_W) ||
	    !hal_pt_translate(vm->pt, va, &pa, &flags) || (flags & HAL_PTE_W))
		return 0;	     /* not a copy-on-write page: a real fault */
	if (frame_owners(pa) == 1) { /* the others have copied or gone */
		hal_pt_protect(vm->pt, va, a->flags);
		flush(vm, va, va + HAL_PAGE_SIZE);
		return 1;
	}
	uint64_t copy = frame_alloc_dirty();
	if (copy == 0)
		return -1;
	memcpy(hal_phys_to_virt(copy), hal_phys_to_virt(pa), HAL_PAGE_SIZE);
	if (a->flags & HAL_PTE_X)
		hal_sync_icache(hal_phys_to_virt(copy), HAL_PAGE_SIZE);
	hal_pt_unmap(vm->pt, va);
	if (hal_pt_map(vm->pt, va, copy, a->flags) != 0) /* the tables are there */
		panic("vm_fault_cow: cannot map %p again", (void *)va);
	flush(vm, va, va + HAL_PAGE_SIZE);
	frame_free(pa); /* one owner less */
	return 1;
}
