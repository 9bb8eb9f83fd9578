/*
 * frame.c - the physical frame allocator.
 *
 * Every usable RAM range (from hal_mem_ranges) gets a bitmap, one bit per
 * 4 KiB frame, stored in the first frames of the range itself. Allocation
 * scans for a clear bit from where the last one was found; frames come back
 * zeroed, so no data leaks from one program to another. The allocator
 * also serves the hal's page-table pages (kernel_page_alloc).
 *
 * Chapter 5's copy-on-write fork lets several address spaces map one
 * frame: each frame has a count of its owners (stored after the bitmap),
 * 1 when allocated; frame_share() adds one, frame_free() takes one away
 * and frees the frame with the last.
 *
 * When no frame is left, the pages of programs kept for their next run
 * (textcache.c) are given back first.
 */
#include "mm/vm.h"

#define MAX_RANGES 8

struct range {
	uint64_t base;	  /* physical address of frame 0 */
	uint64_t frames;  /* number of frames */
	uint64_t *bits;	  /* 1 = in use */
	uint16_t *owners; /* owners of each frame in use */
	uint64_t hint;	  /* where to start the next search */
};

static struct range ranges[MAX_RANGES];
static int nranges;
static size_t nfree;

void frame_init(void)
{
	struct hal_mem_range r[MAX_RANGES];
	int n = hal_mem_ranges(r, MAX_RANGES);
	for (int i = 0; i < n; i++) {
		uint64_t start = ROUND_UP(r[i].start, HAL_PAGE_SIZE);
		uint64_t end = ROUND_DOWN(r[i].end, HAL_PAGE_SIZE);
		if (end <= start + 2 * HAL_PAGE_SIZE)
			continue;
		uint64_t frames = (end - start) / HAL_PAGE_SIZE;
		uint64_t bits_bytes = (frames + 63) / 64 * 8;
		uint64_t map_bytes =
		    ROUND_UP(bits_bytes + frames * sizeof(uint16_t), HAL_PAGE_SIZE);
		struct range *g = &ranges[nranges++];
		g->base = start + map_bytes;
		g->frames = frames - map_bytes / HAL_PAGE_SIZE;
		g->bits = hal_phys_to_virt(start);
		g->owners = hal_phys_to_virt(start + bits_bytes);
		g->hint = 0;
		memset(g->bits, 0, map_bytes);
		nfree += g->frames;
		info("frames: [%p, %p) %lu frames", (void *)g->base,
		     (void *)(g->base + g->frames * HAL_PAGE_SIZE), g->frames);
	}
}

static uint64_t take(struct range *g)
{
	uint64_t words = (g->frames + 63) / 64;
	for (uint64_t k = 0; k < words; k++) {
		uint64_t w = (g->hint + k) % words;
		if (g->bits[w] == ~0UL)
			continue;
		for (int b = 0; b < 64; b++) {
			uint64_t f = w * 64 + b;
			if (f < g->frames && !(g->bits[w] & (1UL << b))) {
				g->bits[w] |= 1UL << b;
				g->owners[f] = 1;
				g->hint = w;
				return g->base + f * HAL_PAGE_SIZE;
			}
		}
	}
	return 0;
}

static uint64_t take_any(void)
{
	for (int i = 0; i < nranges; i++) {
		uint64_t pa = take(&ranges[i]);
		if (pa != 0) {
			nfree--;
			return pa;
		}
	}
	return 0;
}

uint64_t frame_alloc_dirty(void)
{
	uint64_t pa = take_any();
	if (pa == 0 && textcache_drop() > 0) /* the kept program pages, if any */
		pa = take_any();
	return pa;
}

uint64_t frame_alloc(void)
{
	uint64_t pa = frame_alloc_dirty();
	if (pa != 0)
		memset(hal_phys_to_virt(pa), 0, HAL_PAGE_SIZE);
	return pa;
}

static bool in_use(struct range *g, uint64_t f)
{
	return (g->bits[f / 64] >> (f % 64)) & 1;
}

static uint64_t take_contig(size_t n)
{
	for (int i = 0; i < nranges; i++) {
		struct range *g = &ranges[i];
		for (uint64_t f = 0; f + n <= g->frames;) {
			uint64_t k = 0;
			while (k < n && !in_use(g, f + k))
				k++;
			if (k < n) {
				f += k + 1;
				continue;
			}
			for (k = 0; k < n; k++) {
				g->bits[(f + k) / 64] |= 1UL << ((f + k) % 64);
				g->owners[f + k] = 1;
			}
			nfree -= n;
			uint64_t pa = g->base + f * HAL_PAGE_SIZE;
			memset(hal_phys_to_virt(pa), 0, n * HAL_PAGE_SIZE);
			return pa;
		}
	}
	return 0;
}

uint64_t frame_alloc_contig(size_t n)
{
	uint64_t pa = take_contig(n);
	if (pa == 0 && textcache_drop() > 0)
		pa = take_contig(n);
	return pa;
}

/* The range holding frame pa, and the frame's number in it (panics if
   pa is not an allocated frame: a kernel bug). */
static struct range *frame_of(uint64_t pa, uint64_t *f, const char *what)
{
	for (int i = 0; i < nranges; i++) {
		struct range *g = &ranges[i];
		if (pa >= g->base && pa < g->base + g->frames * HAL_PAGE_SIZE) {
			*f = (pa - g->base) / HAL_PAGE_SIZE;
			if (!in_use(g, *f))
				panic("%s frame %p, which is free", what, (void *)pa);
			return g;
		}
	}
	panic("%s %p, which is not a frame", what, (void *)pa);
}

void frame_free(uint64_t pa)
{
	uint64_t f;
	struct range *g = frame_of(pa, &f, "freeing");
	if (--g->owners[f] > 0)
		return; /* another address space still maps it */
	g->bits[f / 64] &= ~(1UL << (f % 64));
	nfree++;
}

void frame_share(uint64_t pa)
{
	uint64_t f;
	struct range *g = frame_of(pa, &f, "sharing");
	if (g->owners[f] == 0xffff)
		panic("frame %p has too many owners", (void *)pa);
	g->owners[f]++;
}

int frame_owners(uint64_t pa)
{
	uint64_t f;
	struct range *g = frame_of(pa, &f, "counting");
	return g->owners[f];
}

size_t frame_free_count(void)
{
	return nfree;
}

uint64_t kernel_page_alloc(void)
{
	return frame_alloc();
}

void kernel_page_free(uint64_t pa)
{
	frame_free(pa);
}
