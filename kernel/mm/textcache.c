/*
 * textcache.c - the read-only pages of programs (code and constants),
 * kept when a program ends so that the next exec of the same program maps
 * the same frames again instead of zeroing and filling new ones
 * (chapter 4+; Linux keeps them in its page cache).
 *
 * Under QEMU (TCG) this matters more than the copy: QEMU translates the
 * code of each physical page once and keeps the translation; a store to a
 * frame that still has translated code goes through a slow path until
 * the last translation on the page is gone (zeroing such a page cost
 * ~80 µs against ~1.5 µs for a page without code), and the new program's
 * code must then be translated again. A kept frame keeps both.
 *
 * A page is found by its contents: the loader asks for the page at user
 * address va whose bytes [off, off + n) are `bytes` and the rest zero. An
 * entry made with the same va, off, n and flags has zeros in the same
 * places, so it matches when memcmp says its n bytes are the same. The
 * cache holds one owner's share of each frame (frame_share), and only
 * pages without HAL_PTE_W are cached: no one ever writes to them.
 *
 * The least recently used entry makes room for a new one; all of them are
 * given back when frames run out (frame.c) and before the kernel counts
 * its free frames at the end (the leak check).
 */
#include "mm/vm.h"

#define CACHE_PAGES 64

struct cached {
	uint64_t pa; /* 0: a free entry */
	uint64_t va;
	size_t off, n;
	int flags;
	uint64_t used; /* when it was last asked for */
};

static struct cached cache[CACHE_PAGES];
static uint64_t clock;

/* The entry to fill: a free one, else the least recently used, emptied. */
static struct cached *victim(void)
{
	struct cached *v = &cache[0];
	for (int i = 0; i < CACHE_PAGES; i++) {
		if (cache[i].pa == 0)
			return &cache[i];
		if (cache[i].used < v->used)
			v = &cache[i];
	}
	frame_free(v->pa);
	v->pa = 0;
	return v;
}

uint64_t textcache_get(uint64_t va, size_t off, const void *bytes, size_t n, int flags)
{
	if (flags & HAL_PTE_W)
		panic("textcache_get: a writable page");
	for (int i = 0; i < CACHE_PAGES; i++) {
		struct cached *c = &cache[i];
		if (c->pa != 0 && c->va == va && c->off == off && c->n == n && c->flags == flags &&
		    memcmp((uint8_t *)hal_phys_to_virt(c->pa) + off, bytes, n) == 0) {
			c->used = ++clock;
			frame_share(c->pa);
			return c->pa;
		}
	}
	uint64_t pa = frame_alloc_dirty(); /* may empty the cache when frames run out */
	if (pa == 0)
		return 0;
	uint8_t *page = hal_phys_to_virt(pa);
	memset(page, 0, off);
	memcpy(page + off, bytes, n);
	memset(page + off + n, 0, HAL_PAGE_SIZE - off - n);
	if (flags & HAL_PTE_X)
		hal_sync_icache(page + off, n);
	struct cached *c = victim();
	*c = (struct cached){pa, va, off, n, flags, ++clock};
	frame_share(pa); /* the cache's share; the caller has the other */
	return pa;
}

int textcache_drop(void)
{
	int n = 0;
	for (int i = 0; i < CACHE_PAGES; i++) {
		if (cache[i].pa != 0) {
			frame_free(cache[i].pa);
			cache[i].pa = 0;
			n++;
		}
	}
	return n;
}
