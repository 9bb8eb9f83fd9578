/*
 * kmalloc.c - the kernel heap: kmalloc(n) and kfree(p).
 *
 * Small blocks come in power-of-two sizes from 32 to 2048 bytes. Each size
 * has a free list; an empty list is refilled by cutting one frame into
 * blocks. Every block starts with a 16-byte header that records its size
 * class, so kfree knows where it goes. Requests above 2048 bytes (minus
 * the header) are refused: the kernel keeps big things in frames.
 */
#include "mm/vm.h"

#define MIN_SHIFT 5
#define MAX_SHIFT 11
#define HEADER 16
#define MAGIC 0x6b6d616c6c6f6300UL

struct block {
	struct block *next;
};

static struct block *free_lists[MAX_SHIFT + 1];

static int size_class(size_t n)
{
	int shift = MIN_SHIFT;
	while ((1UL << shift) < n + HEADER)
		shift++;
	return shift;
}

void *kmalloc(size_t n)
{
	int c = size_class(n);
	if (c > MAX_SHIFT)
		return NULL;
	if (free_lists[c] == NULL) {
		uint64_t pa = frame_alloc();
		if (pa == 0)
			return NULL;
		uint8_t *page = hal_phys_to_virt(pa);
		for (size_t off = 0; off < HAL_PAGE_SIZE; off += 1UL << c) {
			struct block *b = (struct block *)(page + off);
			b->next = free_lists[c];
			free_lists[c] = b;
		}
	}
	struct block *b = free_lists[c];
	free_lists[c] = b->next;
	uint64_t *header = (uint64_t *)b;
	header[0] = MAGIC | c;
	return (uint8_t *)b + HEADER;
}

void kfree(void *p)
{
	if (p == NULL)
		return;
	uint64_t *header = (uint64_t *)((uint8_t *)p - HEADER);
	int c = header[0] & 0xff;
	if ((header[0] & ~0xffUL) != MAGIC || c < MIN_SHIFT || c > MAX_SHIFT)
		panic("kfree(%p): not a kmalloc block", p);
	header[0] = 0;
	struct block *b = (struct block *)header;
	b->next = free_lists[c];
	free_lists[c] = b;
}

void kmalloc_selftest(void)
{
	void *p[64];
	for (int i = 0; i < 64; i++) {
		size_t n = 8 + (i * 37) % 2000;
		p[i] = kmalloc(n);
		if (p[i] == NULL)
			panic("kmalloc(%lu) failed", n);
		memset(p[i], i, n);
	}
	for (int i = 0; i < 64; i++) {
		size_t n = 8 + (i * 37) % 2000;
		const uint8_t *b = p[i];
		for (size_t k = 0; k < n; k++)
			if (b[k] != (uint8_t)i)
				panic("kmalloc block %d overwritten", i);
	}
	for (int i = 0; i < 64; i++)
		kfree(p[i]);
	void *again = kmalloc(100);
	kfree(again);
	info("heap: kmalloc/kfree self-test passed");
}
