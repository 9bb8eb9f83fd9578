/*
 * pagepool.c - page-table pages for chapters 2 and 3: a small fixed pool
 * in BSS with a free list. Chapter 4 replaces it with the frame allocator.
 */
#include "mm/vm.h"

#define POOL_PAGES 256

static uint8_t pool[POOL_PAGES][HAL_PAGE_SIZE] __attribute__((aligned(HAL_PAGE_SIZE)));
static void *free_list;
static int next_unused;

uint64_t kernel_page_alloc(void)
{
	void *p;
	if (free_list != NULL) {
		p = free_list;
		free_list = *(void **)p;
	} else if (next_unused < POOL_PAGES) {
		p = pool[next_unused++];
	} else {
		return 0;
	}
	memset(p, 0, HAL_PAGE_SIZE);
	return hal_virt_to_phys(p);
}

int textcache_drop(void)
{
	return 0; /* programs are not kept before chapter 4 (mm/textcache.c) */
}

size_t frame_free_count(void)
{
	int n = POOL_PAGES - next_unused;
	for (void *p = free_list; p != NULL; p = *(void **)p)
		n++;
	return n;
}

void kernel_page_free(uint64_t pa)
{
	void *p = hal_phys_to_virt(pa);
	*(void **)p = free_list;
	free_list = p;
}
