/* ch4_unmap_full - munmap of a page in the middle of a mapping splits its
   area in two, which needs a free slot in the process's table of areas.
   Fill the table with small mmaps, then try: munmap must fail with -1 and
   leave every page mapped and intact (it used to panic the kernel); once a
   slot is free again, the same munmap works. */
#include "ulib.h"

#define BASE 0x10000000UL
#define SPACING (64 * PAGE_SIZE) /* far apart: no two mappings merge */
#define MAX_TRIES 1000

static void fill(uint64_t start, uint64_t len, uint8_t seed)
{
	for (uint64_t i = 0; i < len; i += 64)
		*(volatile uint8_t *)(start + i) = (uint8_t)(seed + i / 64);
}

static int intact(uint64_t start, uint64_t len, uint8_t seed)
{
	for (uint64_t i = 0; i < len; i += 64)
		if (*(volatile uint8_t *)(start + i) != (uint8_t)(seed + i / 64))
			return 0;
	return 1;
}

int main(void)
{
	assert(mmap(BASE, 4 * PAGE_SIZE, 3) == 0);
	fill(BASE, 4 * PAGE_SIZE, 7);
	int n = 0;
	uint64_t last = 0;
	for (; n < MAX_TRIES; n++) {
		uint64_t at = BASE + (uint64_t)(n + 1) * SPACING;
		if (mmap(at, PAGE_SIZE, 3) != 0)
			break;
		last = at;
	}
	assert(n > 0 && n < MAX_TRIES); /* the table filled up */
	printf("ch4_unmap_full: the area table took %d more mappings\n", n);
	/* A split needs a slot: refused, nothing unmapped. */
	assert(munmap(BASE + PAGE_SIZE, PAGE_SIZE) == -1);
	assert(intact(BASE, 4 * PAGE_SIZE, 7));
	/* Unmapping the end of an area, or a whole one, needs no slot. */
	assert(munmap(BASE + 3 * PAGE_SIZE, PAGE_SIZE) == 0);
	assert(munmap(last, PAGE_SIZE) == 0);
	assert(intact(BASE, 3 * PAGE_SIZE, 7));
	/* Now there is a free slot: the split works. */
	assert(munmap(BASE + PAGE_SIZE, PAGE_SIZE) == 0);
	assert(intact(BASE, PAGE_SIZE, 7));
	assert(intact(BASE + 2 * PAGE_SIZE, PAGE_SIZE, (uint8_t)(7 + 2 * PAGE_SIZE / 64)));
	assert(mmap(BASE + PAGE_SIZE, PAGE_SIZE, 3) == 0); /* the hole is free again */
	printf("Test unmap with a full area table OK!\n");
	return 0;
}
