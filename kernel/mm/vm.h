/*
 * vm.h - a user address space: the hal page table plus the list of areas
 * the kernel mapped in it (program segments, stack, heap, mmap regions).
 * Chapters 2-3 only use `pt`; chapter 4 fills in the areas.
 */
#ifndef VM_H
#define VM_H

#include "lib/lib.h"

#define MAX_AREAS 64 /* program segments, heap, mmaps and (chapter 8) a stack per thread */

/* AREA_DEVICE (chapter 9): frames that stay a driver's (the framebuffer):
   unmapping it frees none, a fork shares them. */
enum area_kind { AREA_PROGRAM, AREA_STACK, AREA_HEAP, AREA_MMAP, AREA_DEVICE };

struct area {
	uint64_t start, end; /* page-aligned, [start, end) */
	int flags;	     /* HAL_PTE_* */
	enum area_kind kind;
};

struct vm {
	struct hal_pagetable *pt;
	struct area areas[MAX_AREAS];
	int nareas;
	uint64_t heap_start, brk; /* sbrk's heap: [heap_start, brk) */
};

/* A new, empty address space; -1 if out of memory. */
int vm_init(struct vm *vm);
/* Map [start, end) to fresh zeroed frames as one area; -1 (and nothing
   mapped) if out of memory, out of areas, or any page is already in use. */
int vm_map(struct vm *vm, uint64_t start, uint64_t end, int flags, enum area_kind kind);
/* Make [start, end) an area with no page mapped yet (the loader then maps
   each page with vm_map_frame); -1 as vm_map. */
int vm_add_area(struct vm *vm, uint64_t start, uint64_t end, int flags, enum area_kind kind);
/* Map frame pa at va, in an area, with the area's permissions; the
   address space takes over the caller's share of the frame. -1 (the
   share stays the caller's) if out of memory for page tables. */
int vm_map_frame(struct vm *vm, uint64_t va, uint64_t pa);
/* Map [start, end) to the physically contiguous frames from `pa` on, which
   stay their owner's (an AREA_DEVICE area); -1 (nothing mapped) as vm_map. */
int vm_map_device(struct vm *vm, uint64_t start, uint64_t end, uint64_t pa, int flags);
/* How many AREA_DEVICE areas all address spaces have: while any program
   maps the framebuffer, the text console leaves the screen alone. */
int vm_device_areas(void);
/* Unmap [start, end) and free its frames (not those of an AREA_DEVICE); the areas shrink or split.
   -1 (and nothing unmapped) if a split needs an area slot and none is free. */
int vm_unmap(struct vm *vm, uint64_t start, uint64_t end);
/* The area holding va, or NULL. */
struct area *vm_find(struct vm *vm, uint64_t va);
/* Whether any page of [start, end) lies in an area. */
bool vm_overlaps(struct vm *vm, uint64_t start, uint64_t end);
/* Free every frame (its share of each) and page table of the address
   space, which must not be active. */
void vm_destroy(struct vm *vm);
/* Make `dst` a copy of `src` (fork): same areas, the same frames shared
   copy-on-write; -1 (dst destroyed) if out of memory for page tables. */
int vm_clone(struct vm *dst, struct vm *src);
/* A write to user address va faulted: if its page is copy-on-write, give
   this address space its own writable copy and return 1; 0 if it is not
   (a real fault); -1 if no frame is left for the copy. */
int vm_fault_cow(struct vm *vm, uint64_t va);
/* Copy kernel bytes into the address space, whatever the page permissions
   (used by the loader). -1 if a page is not mapped. */
int vm_write(struct vm *vm, uint64_t va, const void *src, size_t n);

/* ---- frame.c ---- */
void frame_init(void);
/* One zeroed 4 KiB frame (physical address), 0 if none left. */
uint64_t frame_alloc(void);
/* One frame whose old contents the caller overwrites at once (not zeroed). */
uint64_t frame_alloc_dirty(void);
/* Drop one owner of frame pa; the last one frees it. */
void frame_free(uint64_t pa);
/* One more owner for frame pa (a copy-on-write fork maps it twice). */
void frame_share(uint64_t pa);
/* How many owners frame pa has (1 once allocated). */
int frame_owners(uint64_t pa);
/* n physically contiguous zeroed frames (0 if none); free each with frame_free. */
uint64_t frame_alloc_contig(size_t n);
size_t frame_free_count(void);

/* ---- textcache.c ---- */
/* A frame holding the page for user address va whose bytes [off, off + n)
   are `bytes` and the rest zero, for a mapping with `flags` (never
   HAL_PTE_W): the same frame as the last time it was asked for if it is
   still cached, else a new one, kept. The caller gets one share of it
   (frame_free gives it back); 0 if out of memory. */
uint64_t textcache_get(uint64_t va, size_t off, const void *bytes, size_t n, int flags);
/* Give back the cache's share of every frame it keeps; how many it had. */
int textcache_drop(void);

/* ---- kmalloc.c ---- */
void *kmalloc(size_t n);
void kfree(void *p);
/* Allocate, fill, check and free; prints the result (boot self-test). */
void kmalloc_selftest(void);

#endif
