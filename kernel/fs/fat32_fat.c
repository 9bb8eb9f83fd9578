/*
 * fat32_fat.c - the FAT of a FAT32 volume: following cluster chains (every
 * link range-checked, loops caught), allocating and freeing clusters, and
 * the FSInfo sector's free count and hint, kept exact.
 */
#include "fs/fat32_internal.h"

static uint64_t fat_sector(struct fat32 *f, uint32_t which, uint32_t c)
{
	return f->fat_start + (uint64_t)which * f->fat_sectors + c / (BSIZE / 4);
}

/* The FAT entry of cluster c (a checked number): 0, or -EIO. */
static int fat_get(struct fat32 *f, uint32_t c, uint32_t *val)
{
	struct buf *b = bread(f->dev, fat_sector(f, f->active_fat, c));
	if (b == NULL)
		return -EIO;
	*val = get32(b->data + c % (BSIZE / 4) * 4) & FAT_ENTRY_MASK;
	brelse(b);
	return 0;
}

/* Set the FAT entry of cluster c in every FAT in use (keeping the top 4
   reserved bits). 0, or -EIO. */
static int fat_set(struct fat32 *f, uint32_t c, uint32_t val)
{
	for (uint32_t i = 0; i < f->nfats; i++) {
		if (!f->mirror && i != f->active_fat)
			continue;
		struct buf *b = bread(f->dev, fat_sector(f, i, c));
		if (b == NULL)
			return -EIO;
		uint8_t *p = b->data + c % (BSIZE / 4) * 4;
		put32(p, (get32(p) & ~FAT_ENTRY_MASK) | val);
		bdirty(b);
		brelse(b);
	}
	return 0;
}

/* The cluster after c in its chain in *next, 0 at the end of the chain.
   0, or -EIO if the entry is anything else (free, bad, out of range). */
int fat_next(struct fat32 *f, uint32_t c, uint32_t *next)
{
	uint32_t v;
	if (fat_get(f, c, &v) != 0)
		return -EIO;
	if (v >= FAT_EOC_MIN) {
		*next = 0;
		return 0;
	}
	if (!cluster_ok(f, v)) {
		error("fat32: %s: cluster %u is followed by 0x%x: not a cluster", f->dev->name, c,
		      v);
		return -EIO;
	}
	*next = v;
	return 0;
}

/* Write the FSInfo free count and hint into the cache if they changed. */
void fat_fsinfo_flush(struct fat32 *f)
{
	if (f->fsinfo == 0 || !f->fsinfo_dirty)
		return;
	struct buf *b = bread(f->dev, f->fsinfo);
	if (b == NULL)
		return;
	put32(b->data + FSI_FREE_COUNT, f->free_count);
	put32(b->data + FSI_NXT_FREE, f->next_free);
	bdirty(b);
	brelse(b);
	f->fsinfo_dirty = false;
}

/* Fill cluster c with zeros. 0, or -EIO. */
static int zero_cluster(struct fat32 *f, uint32_t c)
{
	for (uint32_t i = 0; i < f->sec_per_clus; i++) {
		struct buf *b = bget(f->dev, cluster_sector(f, c) + i);
		if (b == NULL)
			return -EIO;
		memset(b->data, 0, BSIZE);
		bdirty(b);
		brelse(b);
	}
	return 0;
}

/* Is cluster c free? For scans over the FAT: *b holds the FAT sector of
   the last call (NULL at first; the caller releases it). 1, 0, or -EIO. */
static int scan_free(struct fat32 *f, uint32_t c, struct buf **b)
{
	uint64_t sector = fat_sector(f, f->active_fat, c);
	if (*b == NULL || (*b)->block != sector) {
		if (*b != NULL)
			brelse(*b);
		*b = bread(f->dev, sector);
		if (*b == NULL)
			return -EIO;
	}
	return (get32((*b)->data + c % (BSIZE / 4) * 4) & FAT_ENTRY_MASK) == FAT_FREE;
}

/* Count the free clusters (at mount, when the FSInfo does not know). */
static int count_free(struct fat32 *f)
{
	struct buf *b = NULL;
	uint32_t n = 0;
	int r = 0;
	for (uint32_t c = 2; c - 2 < f->nclusters && r >= 0; c++) {
		r = scan_free(f, c, &b);
		n += r > 0;
	}
	if (b != NULL)
		brelse(b);
	f->free_count = n;
	f->fsinfo_dirty = true;
	return r < 0 ? r : 0;
}

/* Take a free cluster (zeroed if asked) and make it the end of a chain:
   after `prev`, or a chain of its own if prev is 0. 0 with *out, -ENOSPC
   or -EIO. */
int fat_alloc_cluster(struct fat32 *f, uint32_t prev, bool zero, uint32_t *out)
{
	uint32_t c = cluster_ok(f, f->next_free) ? f->next_free : 2;
	uint32_t found = 0;
	struct buf *b = NULL;
	int r = 0;
	for (uint32_t n = 0; n < f->nclusters && found == 0 && r >= 0; n++) {
		r = scan_free(f, c, &b);
		if (r > 0)
			found = c;
		c = c - 2 + 1 < f->nclusters ? c + 1 : 2;
	}
	if (b != NULL)
		brelse(b);
	if (r < 0)
		return r;
	if (found == 0)
		return -ENOSPC;
	if ((zero && zero_cluster(f, found) != 0) || fat_set(f, found, FAT_EOC) != 0)
		return -EIO;
	if (prev != 0 && fat_set(f, prev, found) != 0) {
		fat_set(f, found, FAT_FREE);
		return -EIO;
	}
	if (f->free_count > 0)
		f->free_count--;
	f->next_free = c;
	f->fsinfo_dirty = true;
	*out = found;
	return 0;
}

/* Give back every cluster of the chain that starts at c. 0, or -EIO (the
   clusters before the broken link are freed). */
int fat_free_chain(struct fat32 *f, uint32_t c)
{
	if (!cluster_ok(f, c)) {
		error("fat32: %s: a chain starts at 0x%x: not a cluster", f->dev->name, c);
		return -EIO;
	}
	for (uint32_t n = 0; c != 0; n++) {
		uint32_t next;
		if (n == f->nclusters || fat_next(f, c, &next) != 0)
			return -EIO;
		if (fat_set(f, c, FAT_FREE) != 0)
			return -EIO;
		f->free_count++;
		f->fsinfo_dirty = true;
		c = next;
	}
	return 0;
}

/* Move *cur to cluster number `index` of the chain starting at `first`
   (from *cur if it is on the way, else from the start). With `grow`,
   clusters are added at the end as needed. 0, 1 if the chain is shorter
   (without grow), or -errno: -EIO for a loop or a bad link. */
int fat_chain_seek(struct fat32 *f, uint32_t first, uint32_t index, struct cursor *cur,
		   enum grow grow)
{
	if (index >= f->nclusters)
		return grow != NO_GROW ? -ENOSPC : 1;
	if (cur->clus == 0 || cur->index > index) {
		cur->index = 0;
		cur->clus = first;
	}
	if (cur->mark_clus == 0 || cur->mark_index > cur->index) {
		cur->mark_index = cur->index;
		cur->mark_clus = cur->clus;
	}
	if (!cluster_ok(f, cur->clus)) {
		error("fat32: %s: a chain goes to 0x%x: not a cluster", f->dev->name, cur->clus);
		return -EIO;
	}
	while (cur->index < index) {
		uint32_t next;
		int r = fat_next(f, cur->clus, &next);
		if (r != 0)
			return r;
		if (next == 0) {
			if (grow == NO_GROW)
				return 1;
			r = fat_alloc_cluster(f, cur->clus, grow == GROW_ZEROED, &next);
			if (r != 0)
				return r;
		}
		cur->clus = next;
		cur->index++;
		if (cur->clus == cur->mark_clus) {
			error("fat32: %s: the chain from cluster %u loops", f->dev->name, first);
			return -EIO;
		}
		if (cur->index >= 2 * cur->mark_index) {
			cur->mark_index = cur->index;
			cur->mark_clus = cur->clus;
		}
	}
	return 0;
}

/* Bytes in the chain from `first` (as far as it can be followed). */
uint64_t fat_chain_bytes(struct fat32 *f, uint32_t first)
{
	uint32_t n = 0;
	for (uint32_t c = first; cluster_ok(f, c) && n < f->nclusters; n++)
		if (fat_next(f, c, &c) != 0)
			break;
	return (uint64_t)n * f->clus_bytes;
}

/* Read the FSInfo sector's hints (or do without one that is broken).
   If it does not know the free count, count: fsck.fat wants it right. */
int fat_read_fsinfo(struct fat32 *f)
{
	struct buf *b = f->fsinfo != 0 ? bread(f->dev, f->fsinfo) : NULL;
	f->free_count = FSI_UNKNOWN;
	f->next_free = 2;
	if (b == NULL) {
		f->fsinfo = 0;
		return count_free(f);
	}
	if (get32(b->data + FSI_LEAD_SIG) != FSI_LEAD_VALUE ||
	    get32(b->data + FSI_STRUC_SIG) != FSI_STRUC_VALUE ||
	    get32(b->data + FSI_TRAIL_SIG) != FSI_TRAIL_VALUE) {
		warn("fat32: %s: the FSInfo sector has bad signatures; not using it", f->dev->name);
		f->fsinfo = 0;
	} else {
		f->free_count = get32(b->data + FSI_FREE_COUNT);
		f->next_free = get32(b->data + FSI_NXT_FREE);
		if (f->free_count > f->nclusters)
			f->free_count = FSI_UNKNOWN;
		if (!cluster_ok(f, f->next_free))
			f->next_free = 2;
	}
	brelse(b);
	return f->free_count == FSI_UNKNOWN ? count_free(f) : 0;
}
