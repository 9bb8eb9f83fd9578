/*
 * fat32_dirent.c - directory entries on the disk: the entry of a file or
 * directory (its first cluster and size), reading a directory entry by
 * entry with its long name put together, finding names and free slots,
 * and writing and deleting entries.
 *
 * A directory of INDEX_MIN slots or more gets a name index (dircache.c,
 * keyed by its first cluster): each entry is found under its long name
 * and its short name (any case), at its first slot, and the index keeps
 * a slot below which none is free. fat_index_added and fat_index_removed
 * keep it right; finding names and free slots uses it.
 */
#include "fs/fat32_internal.h"

/* ---- Entries on the disk ------------------------------------------------ */

/* Copy the 32-byte entry at (sector, off) out of or into the disk. 0 or -EIO. */
static int raw_read(struct fat32 *f, uint64_t sector, uint32_t off, void *out)
{
	struct buf *b = bread(f->dev, sector);
	if (b == NULL)
		return -EIO;
	memcpy(out, b->data + off, DIRENT_SIZE);
	brelse(b);
	return 0;
}

static int raw_write(struct fat32 *f, uint64_t sector, uint32_t off, const void *in)
{
	struct buf *b = bread(f->dev, sector);
	if (b == NULL)
		return -EIO;
	memcpy(b->data + off, in, DIRENT_SIZE);
	bdirty(b);
	brelse(b);
	return 0;
}

static void dirent_set_cluster(struct fat_dirent *de, uint32_t c)
{
	de->clus_hi = (uint16_t)(c >> 16);
	de->clus_lo = (uint16_t)c;
}

/* A new short entry. */
void fat_dirent_init(struct fat_dirent *de, const uint8_t name[11], uint8_t attr, uint8_t ntres,
		     uint32_t clus)
{
	memset(de, 0, sizeof(*de));
	memcpy(de->name, name, 11);
	de->attr = attr;
	de->ntres = ntres;
	de->crt_date = de->acc_date = de->wrt_date = FAT_DATE;
	dirent_set_cluster(de, clus);
}

/* First cluster and size of a file or directory. 0, or -EIO. An orphan
   directory has no clusters (first 0). */
int fat_node_get(struct inode *ip, uint32_t *first, uint32_t *size)
{
	struct fat32 *f = fat_of(ip);
	struct fat_dirent de;
	if (ip->ino == ROOT_INO) {
		*first = f->root_clus;
		*size = 0;
		return 0;
	}
	if (ip->ino & ORPHAN_INO) {
		*first = (uint32_t)ip->fs_priv;
		*size = (uint32_t)(ip->fs_priv >> 32);
		return 0;
	}
	if (raw_read(f, ip->ino / 16, ip->ino % 16 * DIRENT_SIZE, &de) != 0)
		return -EIO;
	*first = dirent_cluster(&de);
	*size = de.size;
	if ((*first != 0 || ip->type == INODE_DIR) && !cluster_ok(f, *first)) {
		error("fat32: %s: the entry at %lu starts at 0x%x: not a cluster", f->dev->name,
		      ip->ino, *first);
		return -EIO;
	}
	return 0;
}

/* Set the first cluster and size of a file. 0, or -EIO. */
int fat_node_set(struct inode *ip, uint32_t first, uint32_t size)
{
	struct fat32 *f = fat_of(ip);
	struct fat_dirent de;
	uint64_t sector = ip->ino / 16;
	uint32_t off = ip->ino % 16 * DIRENT_SIZE;
	if (ip->ino & ORPHAN_INO) {
		ip->fs_priv = (uint64_t)size << 32 | first;
		return 0;
	}
	if (raw_read(f, sector, off, &de) != 0)
		return -EIO;
	dirent_set_cluster(&de, first);
	de.size = size;
	de.attr |= ATTR_ARCHIVE;
	return raw_write(f, sector, off, &de);
}

/* ---- Where slots are ------------------------------------------------------ */

/* Following a directory's chain from its first cluster to slot n costs
   n / (slots per cluster) FAT lookups; in a large directory that is most
   of the work of each lookup and create. So for a few directories at once
   the cluster at every STEP-th place of the chain is kept (0: not known
   yet). A directory's chain only grows at its end, and goes whole when the
   directory is removed (fat_forget_dir), so what is kept stays true. */
#define CHAINS 4
#define STEP 16
#define MAX_CLUSTERS (DIR_MAX_SLOTS * DIRENT_SIZE / BSIZE) /* 512-byte clusters */

static struct chain_map {
	struct fat32 *f; /* NULL: free */
	uint32_t first;
	uint64_t stamp;
	uint32_t at[MAX_CLUSTERS / STEP]; /* at[k]: cluster number k * STEP */
} chains[CHAINS];
static uint64_t chain_clock;

static struct chain_map *chain_map(struct fat32 *f, uint32_t first)
{
	struct chain_map *m = &chains[0];
	for (int i = 0; i < CHAINS; i++) {
		if (chains[i].f == f && chains[i].first == first) {
			chains[i].stamp = ++chain_clock;
			return &chains[i];
		}
		if (chains[i].f == NULL || chains[i].stamp < m->stamp)
			m = &chains[i];
	}
	memset(m, 0, sizeof(*m));
	m->f = f;
	m->first = first;
	m->stamp = ++chain_clock;
	return m;
}

void fat_forget_dir(struct fat32 *f, uint32_t first)
{
	for (int i = 0; i < CHAINS; i++)
		if (chains[i].f == f && (chains[i].first == first || first == 0))
			chains[i].f = NULL;
	if (first == 0)
		dc_forget_fs(&f->fs);
	else
		dc_forget(&f->fs, first);
}

/* Move the cursor to cluster number `index` of the directory's chain,
   starting from the nearest known place, and noting places on the way. */
static int dir_seek(struct fat32 *f, uint32_t first, uint32_t index, struct cursor *cur)
{
	if (index < STEP || index >= MAX_CLUSTERS)
		return fat_chain_seek(f, first, index, cur, NO_GROW);
	struct chain_map *m = chain_map(f, first);
	uint32_t k = index / STEP;
	while (k > 0 && m->at[k] == 0)
		k--;
	if (k > 0 && (cur->clus == 0 || cur->index > index || cur->index < k * STEP)) {
		memset(cur, 0, sizeof(*cur));
		cur->index = k * STEP;
		cur->clus = m->at[k];
	}
	while (cur->index < index) {
		uint32_t next = (cur->index / STEP + 1) * STEP;
		int r = fat_chain_seek(f, first, next < index ? next : index, cur, NO_GROW);
		if (r != 0)
			return r;
		if (cur->index % STEP == 0)
			m->at[cur->index / STEP] = cur->clus;
	}
	return fat_chain_seek(f, first, index, cur, NO_GROW); /* checks the cluster */
}

/* Where slot `slot` (entry number) of the directory starting at `first`
   is: 0 with *sector and *off, 1 if the directory is shorter, or -errno. */
static int dir_locate(struct fat32 *f, uint32_t first, uint32_t slot, struct cursor *cur,
		      uint64_t *sector, uint32_t *off)
{
	uint32_t per_clus = f->clus_bytes / DIRENT_SIZE;
	if (first == 0 || slot >= DIR_MAX_SLOTS)
		return 1;
	int r = dir_seek(f, first, slot / per_clus, cur);
	if (r != 0)
		return r;
	uint32_t byte = slot % per_clus * DIRENT_SIZE;
	*sector = cluster_sector(f, cur->clus) + byte / BSIZE;
	*off = byte % BSIZE;
	return 0;
}

/* ---- Reading directories ------------------------------------------------ */

void fat_iter_init(struct dir_iter *it, struct fat32 *f, uint32_t first, uint32_t slot)
{
	it->f = f;
	it->first = first;
	it->slot = slot;
	memset(&it->cur, 0, sizeof(it->cur));
}

/* The next entry, skipping free slots, the volume label and stray long
   name parts: 1 with *e, 0 at the end of the directory, or -errno. */
int fat_dir_next(struct dir_iter *it, struct entry *e)
{
	uint16_t lfn[LFN_MAX_PARTS * LFN_CHARS];
	static const uint8_t offsets[LFN_CHARS] = LFN_CHAR_OFFSETS;
	int parts = 0, expect = 0; /* long name: parts in all, part expected next */
	uint8_t sum = 0;
	uint32_t start = 0;
	for (;; it->slot++) {
		uint8_t raw[DIRENT_SIZE];
		uint64_t sector;
		uint32_t off;
		int r = dir_locate(it->f, it->first, it->slot, &it->cur, &sector, &off);
		if (r != 0)
			return r > 0 ? 0 : r;
		if (raw_read(it->f, sector, off, raw) != 0)
			return -EIO;
		if (raw[0] == DIRENT_END)
			return 0;
		if (raw[0] == DIRENT_DELETED) {
			expect = 0;
			continue;
		}
		if ((raw[11] & ATTR_LONG_NAME_MASK) == ATTR_LONG_NAME) {
			int ord = raw[LFN_ORD] & LFN_ORD_MASK;
			if ((raw[LFN_ORD] & LFN_LAST) && ord >= 1 && ord <= LFN_MAX_PARTS) {
				parts = ord;
				sum = raw[LFN_CHECKSUM];
				start = it->slot;
			} else if (expect == 0 || ord != expect || raw[LFN_CHECKSUM] != sum) {
				expect = 0;
				continue;
			}
			expect = ord - 1;
			for (int i = 0; i < LFN_CHARS; i++)
				lfn[(ord - 1) * LFN_CHARS + i] = get16(raw + offsets[i]);
			if (expect == 0) /* all parts read: the short entry must come next */
				expect = -1;
			continue;
		}
		if (raw[11] & ATTR_VOLUME_ID) {
			expect = 0;
			continue;
		}
		memcpy(&e->de, raw, DIRENT_SIZE);
		e->ino = sector * 16 + off / DIRENT_SIZE;
		e->next_slot = it->slot + 1;
		e->dot = 0;
		if (memcmp(raw, ".          ", 11) == 0)
			e->dot = 1;
		if (memcmp(raw, "..         ", 11) == 0)
			e->dot = 2;
		fat_short_to_str(raw, e->de.ntres, e->short_name);
		if (expect == -1 && fat_lfn_checksum(raw) == sum &&
		    fat_ucs2_to_name(lfn, parts * LFN_CHARS, e->name)) {
			e->first_slot = start;
		} else {
			e->first_slot = it->slot;
			memcpy(e->name, e->short_name, sizeof(e->short_name));
		}
		it->slot++;
		return 1;
	}
}

/* ---- The name index ----------------------------------------------------- */

#define INDEX_MIN 64 /* slots: smaller directories are just scanned */
#define NO_HINT 0xFFFFFFFFu

static int index_add(struct dircache *c, const char *name, const char *short_name, uint32_t pos)
{
	uint32_t h = dc_hash(name, true), hs = dc_hash(short_name, true);
	if (dc_add(c, h, pos) != 0)
		return -1;
	return hs != h ? dc_add(c, hs, pos) : 0;
}

/* The index of the directory at `first`, built now if it has none and is
   large enough; or NULL. */
static struct dircache *dir_index(struct fat32 *f, uint32_t first)
{
	struct cursor cur = {0};
	struct dir_iter it;
	struct entry e;
	uint32_t hint = NO_HINT, expect = 0;
	struct dircache *c = dc_get(&f->fs, first);
	if (c != NULL || first == 0 ||
	    fat_chain_seek(f, first, (INDEX_MIN - 1) / (f->clus_bytes / DIRENT_SIZE), &cur,
			   NO_GROW) != 0)
		return c;
	c = dc_new(&f->fs, first);
	fat_iter_init(&it, f, first, 0);
	int r;
	while ((r = fat_dir_next(&it, &e)) == 1) {
		if (e.first_slot != expect && hint == NO_HINT)
			hint = expect; /* free (or stray) slots before this entry */
		expect = e.next_slot;
		if (e.dot == 0 && index_add(c, e.name, e.short_name, e.first_slot) != 0)
			return NULL;
	}
	if (r != 0) {
		dc_drop(c);
		return NULL;
	}
	dc_set_hint(c, hint != NO_HINT ? hint : expect);
	return c;
}

void fat_index_added(struct fat32 *f, uint32_t first, const char *name, const uint8_t n11[11],
		     uint32_t start, uint32_t count)
{
	char short_name[13];
	struct dircache *c = dc_get(&f->fs, first);
	if (c == NULL)
		return;
	fat_short_to_str(n11, 0, short_name);
	if (index_add(c, name, short_name, start) == 0 && dc_hint(c) == start)
		dc_set_hint(c, start + count);
}

void fat_index_removed(struct fat32 *f, uint32_t first, const struct entry *e)
{
	struct dircache *c = dc_get(&f->fs, first);
	if (c == NULL)
		return;
	uint32_t h = dc_hash(e->name, true), hs = dc_hash(e->short_name, true);
	dc_remove(c, h, e->first_slot);
	if (hs != h)
		dc_remove(c, hs, e->first_slot);
	if (e->first_slot < dc_hint(c))
		dc_set_hint(c, e->first_slot);
}

/* The entry starting at `pos` (from the index): 1 with *e, 0 if the index
   was wrong (it is dropped), or -errno. */
static int index_entry(struct fat32 *f, struct dircache *c, uint32_t first, uint32_t pos,
		       struct entry *e)
{
	struct dir_iter it;
	fat_iter_init(&it, f, first, pos);
	int r = fat_dir_next(&it, e);
	if (r < 0)
		return r;
	if (r == 0 || e->first_slot != pos || e->dot != 0) {
		dc_drop(c);
		return 0;
	}
	return 1;
}

/* ---- Finding names --------------------------------------------------------- */

/* Look for `name` (long name or alias, any case): 1 with *e, 0 if it is not
   there, or -errno. */
int fat_dir_find(struct fat32 *f, uint32_t first, const char *name, struct entry *e)
{
	struct dir_iter it;
	struct dircache *c = dir_index(f, first);
	uint32_t iter = 0, pos, hash = dc_hash(name, true);
	int r;
	while (c != NULL && dc_next(c, hash, &iter, &pos)) {
		if ((r = index_entry(f, c, first, pos, e)) < 0)
			return r;
		if (r == 0) {
			c = NULL; /* do without it */
			break;
		}
		if (fat_same_name(name, e->name) || fat_same_name(name, e->short_name))
			return 1;
	}
	if (c != NULL)
		return 0; /* the index has every name */
	fat_iter_init(&it, f, first, 0);
	while ((r = fat_dir_next(&it, e)) == 1)
		if (e->dot == 0 &&
		    (fat_same_name(name, e->name) || fat_same_name(name, e->short_name)))
			return 1;
	return r;
}

/* Is there a short entry with these 11 bytes? 1, 0, or -errno. */
int fat_short_exists(struct fat32 *f, uint32_t first, const uint8_t n11[11])
{
	struct dir_iter it;
	struct entry e;
	char short_name[13];
	struct dircache *c = dir_index(f, first);
	uint32_t iter = 0, pos;
	int r;
	fat_short_to_str(n11, 0, short_name);
	while (c != NULL && dc_next(c, dc_hash(short_name, true), &iter, &pos)) {
		if ((r = index_entry(f, c, first, pos, &e)) < 0)
			return r;
		if (r == 0) {
			c = NULL;
			break;
		}
		if (memcmp(e.de.name, n11, 11) == 0)
			return 1;
	}
	if (c != NULL)
		return 0;
	fat_iter_init(&it, f, first, 0);
	while ((r = fat_dir_next(&it, &e)) == 1)
		if (memcmp(e.de.name, n11, 11) == 0)
			return 1;
	return r;
}

/* Does the directory hold nothing but "." and ".."? 1, 0, or -errno. */
int fat_dir_empty(struct fat32 *f, uint32_t first)
{
	struct dir_iter it;
	struct entry e;
	int r;
	fat_iter_init(&it, f, first, 0);
	while ((r = fat_dir_next(&it, &e)) == 1)
		if (e.dot == 0)
			return 0;
	return r < 0 ? r : 1;
}

/* The cluster the ".." entry of a directory names (the root's, for 0). */
int fat_dotdot(struct fat32 *f, uint32_t first, uint32_t *parent)
{
	struct cursor cur = {0};
	struct fat_dirent de;
	uint64_t sector;
	uint32_t off;
	if (dir_locate(f, first, 1, &cur, &sector, &off) != 0 || raw_read(f, sector, off, &de) != 0)
		return -EIO;
	*parent = dirent_cluster(&de);
	if (memcmp(de.name, "..         ", 11) != 0 || !(de.attr & ATTR_DIRECTORY) ||
	    (*parent != 0 && !cluster_ok(f, *parent))) {
		error("fat32: %s: directory at cluster %u has no good \"..\"", f->dev->name, first);
		return -EIO;
	}
	if (*parent == 0)
		*parent = f->root_clus;
	return 0;
}

/* ---- Writing directories ------------------------------------------------ */

/* Find `count` free slots in a row in the directory, adding clusters if
   there are not enough: 0 with *start, and *past_end true if they reach
   the end marker (so the slot after them must become the new one). */
int fat_dir_find_free(struct fat32 *f, uint32_t first, uint32_t count, uint32_t *start,
		      bool *past_end)
{
	struct cursor cur = {0};
	struct dircache *c = dc_get(&f->fs, first);
	uint32_t run = 0, slot;
	bool end = false;
	for (slot = c != NULL ? dc_hint(c) : 0; run < count; slot++) {
		uint8_t raw[DIRENT_SIZE];
		uint64_t sector;
		uint32_t off;
		int r = dir_locate(f, first, slot, &cur, &sector, &off);
		if (r < 0)
			return r;
		if (r > 0)
			break;
		if (!end) {
			if (raw_read(f, sector, off, raw) != 0)
				return -EIO;
			end = raw[0] == DIRENT_END;
		}
		run = end || raw[0] == DIRENT_DELETED ? run + 1 : 0;
	}
	*start = slot - run;
	*past_end = end;
	if (run < count) {
		uint32_t last = *start + count - 1;
		if (last >= DIR_MAX_SLOTS)
			return -ENOSPC;
		*past_end = true;
		return fat_chain_seek(f, first, last / (f->clus_bytes / DIRENT_SIZE), &cur,
				      GROW_ZEROED);
	}
	return 0;
}

/* A zeroed cluster for a new directory, with "." and "..". */
int fat_new_dir_cluster(struct fat32 *f, uint32_t parent, uint32_t *out)
{
	struct fat_dirent de;
	uint32_t c;
	int r = fat_alloc_cluster(f, 0, true, &c);
	if (r != 0)
		return r;
	fat_forget_dir(f, c); /* what was kept of a directory that was here before */
	fat_dirent_init(&de, (const uint8_t *)".          ", ATTR_DIRECTORY, 0, c);
	r = raw_write(f, cluster_sector(f, c), 0, &de);
	fat_dirent_init(&de, (const uint8_t *)"..         ", ATTR_DIRECTORY, 0, parent);
	if (r == 0)
		r = raw_write(f, cluster_sector(f, c), DIRENT_SIZE, &de);
	if (r != 0) {
		fat_free_chain(f, c);
		return r;
	}
	*out = c;
	return 0;
}

/* Write the long-name entries and the short entry in slots start.. of the
   directory; *ino: where the short entry went. */
int fat_write_entries(struct fat32 *f, uint32_t first, uint32_t start, uint32_t count,
		      const uint16_t *u, int n, const struct fat_dirent *de, bool past_end,
		      uint64_t *ino)
{
	struct cursor cur = {0};
	uint8_t raw[DIRENT_SIZE];
	uint64_t sector = 0; /* count >= 1: the loop sets both */
	uint32_t off = 0;
	uint8_t sum = fat_lfn_checksum(de->name);
	for (uint32_t i = 0; i < count; i++) {
		int r = dir_locate(f, first, start + i, &cur, &sector, &off);
		if (r != 0)
			return r < 0 ? r : -EIO;
		if (i + 1 < count)
			fat_lfn_fill(raw, u, n, (int)(count - 1 - i), i == 0, sum);
		else
			memcpy(raw, de, DIRENT_SIZE);
		if (raw_write(f, sector, off, raw) != 0)
			return -EIO;
	}
	*ino = sector * 16 + off / DIRENT_SIZE;
	if (past_end && dir_locate(f, first, start + count, &cur, &sector, &off) == 0) {
		if (raw_read(f, sector, off, raw) != 0)
			return -EIO;
		if (raw[0] != DIRENT_END) {
			raw[0] = DIRENT_END;
			return raw_write(f, sector, off, raw);
		}
	}
	return 0;
}

/* Mark slots from..to-1 of the directory free. */
int fat_delete_slots(struct fat32 *f, uint32_t first, uint32_t from, uint32_t to)
{
	struct cursor cur = {0};
	for (uint32_t slot = from; slot < to; slot++) {
		uint8_t raw[DIRENT_SIZE];
		uint64_t sector;
		uint32_t off;
		if (dir_locate(f, first, slot, &cur, &sector, &off) != 0 ||
		    raw_read(f, sector, off, raw) != 0)
			return -EIO;
		raw[0] = DIRENT_DELETED;
		if (raw_write(f, sector, off, raw) != 0)
			return -EIO;
	}
	return 0;
}
