/*
 * fat32.c - the FAT32 file system, with long file names, over the block cache.
 *
 * A file or directory is a chain of clusters linked through the FAT; its
 * 32-byte directory entry holds the first cluster and (files) the size.
 * Names that are not plain 8.3 get long-name entries just before the short
 * entry, and a generated 8.3 alias ("LONGNA~1.TXT"). Lookup ignores case
 * (ASCII letters) and matches the long name or the alias, as FAT does.
 *
 * Inode numbers: where the file's short entry is on the disk, sector * 16 +
 * index in the sector: stable (entries never move) and unique. The root
 * directory has no entry: ROOT_INO. For a file, fs_priv remembers where the
 * last access was in its cluster chain (a cursor), so sequential I/O does
 * not walk the chain from its start each time.
 *
 * FAT has no hard links (link is -EPERM) and no inodes apart from entries.
 * A file removed while in use becomes an orphan: its entry goes at once,
 * its clusters when the last reference goes (release). Its first cluster
 * and size move into fs_priv and its number into a private range
 * (ORPHAN_INO), so the entry's slot can take a new file meanwhile.
 *
 * Every cluster number read from the disk is range-checked, and no walk
 * along a chain goes further than the number of clusters, so a corrupted
 * image gives -EIO and a message, never a hang or a panic. The FSInfo free
 * count is kept exact (counted at mount if the FSInfo does not know it) and
 * written to the cache after each change, so fsck.fat finds it right after
 * any bcache_sync().
 */
#include "fs/vfs.h"
#include "fs/bcache.h"
#include "fs/fat32.h"

#define ROOT_INO 1
#define ORPHAN_INO (1ULL << 63) /* orphans: this bit | a sequence number */
#define MAX_FILE_SIZE 0xFFFFFFFFULL
#define DIR_MAX_SLOTS 65536		   /* entries in a directory, at most (2 MiB) */
#define FAT_DATE ((0 << 9) | (1 << 5) | 1) /* 1980-01-01: the kernel has no clock */

/* A mounted FAT32 volume. */
struct fat32 {
	struct fs fs;
	struct blk_dev *dev;
	bool used;
	uint32_t sec_per_clus;
	uint32_t clus_bytes;
	uint32_t fat_start;   /* first sector of FAT 0 */
	uint32_t fat_sectors; /* sectors per FAT */
	uint32_t nfats;
	uint32_t active_fat; /* the FAT we read */
	bool mirror;	     /* write every FAT (else only the active one) */
	uint32_t data_start; /* first sector of cluster 2 */
	uint32_t nclusters;  /* clusters are numbered 2 .. nclusters + 1 */
	uint32_t root_clus;
	uint32_t fsinfo;     /* sector of the FSInfo, 0 if none */
	uint32_t free_count; /* exact: counted at mount if the FSInfo did not say */
	uint32_t next_free;  /* where to look for a free cluster first */
	bool fsinfo_dirty;
	uint64_t orphans; /* orphans made so far: their numbers */
};

static struct fat32 volumes[MAX_BLK_DEVS];

/* What chain_seek does at the end of a chain: stop, or add clusters (for
   a directory zeroed: free entries; a file's new bytes are all written). */
enum grow { NO_GROW, GROW, GROW_ZEROED };

/* Where a walk along a cluster chain is: cluster number `index` of the
   chain (counting from 0) is `clus`; clus 0: nowhere yet. The mark is a
   cluster seen before, moved at powers of two (Brent's method): coming
   back to it means the chain loops. */
struct cursor {
	uint32_t index;
	uint32_t clus;
	uint32_t mark_index;
	uint32_t mark_clus;
};

static struct fat32 *fat_of(struct inode *ip)
{
	return ip->fs->priv;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

/* ---- Clusters and the FAT ---------------------------------------------- */

static bool cluster_ok(struct fat32 *f, uint32_t c)
{
	return c >= 2 && c - 2 < f->nclusters;
}

static uint64_t cluster_sector(struct fat32 *f, uint32_t c)
{
	return f->data_start + (uint64_t)(c - 2) * f->sec_per_clus;
}

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
static int fat_next(struct fat32 *f, uint32_t c, uint32_t *next)
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
static void fsinfo_flush(struct fat32 *f)
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
static int alloc_cluster(struct fat32 *f, uint32_t prev, bool zero, uint32_t *out)
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
static int free_chain(struct fat32 *f, uint32_t c)
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
static int chain_seek(struct fat32 *f, uint32_t first, uint32_t index, struct cursor *cur,
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
			r = alloc_cluster(f, cur->clus, grow == GROW_ZEROED, &next);
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
static uint64_t chain_bytes(struct fat32 *f, uint32_t first)
{
	uint32_t n = 0;
	for (uint32_t c = first; cluster_ok(f, c) && n < f->nclusters; n++)
		if (fat_next(f, c, &c) != 0)
			break;
	return (uint64_t)n * f->clus_bytes;
}

/* ---- Directory entries on the disk -------------------------------------- */

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

static uint32_t dirent_cluster(const struct fat_dirent *de)
{
	return (uint32_t)de->clus_hi << 16 | de->clus_lo;
}

static void dirent_set_cluster(struct fat_dirent *de, uint32_t c)
{
	de->clus_hi = (uint16_t)(c >> 16);
	de->clus_lo = (uint16_t)c;
}

/* A new short entry. */
static void dirent_init(struct fat_dirent *de, const uint8_t name[11], uint8_t attr, uint8_t ntres,
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
static int node_get(struct inode *ip, uint32_t *first, uint32_t *size)
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
static int node_set(struct inode *ip, uint32_t first, uint32_t size)
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

/* The cursor of a file (kept in fs_priv, except for orphans). */
static struct cursor cursor_load(struct inode *ip)
{
	struct cursor c = {0};
	if (!(ip->ino & ORPHAN_INO)) {
		c.index = (uint32_t)(ip->fs_priv >> 32);
		c.clus = (uint32_t)ip->fs_priv;
	}
	return c;
}

static void cursor_save(struct inode *ip, struct cursor c)
{
	if (!(ip->ino & ORPHAN_INO))
		ip->fs_priv = (uint64_t)c.index << 32 | c.clus;
}

/* Where slot `slot` (entry number) of the directory starting at `first`
   is: 0 with *sector and *off, 1 if the directory is shorter, or -errno. */
static int dir_locate(struct fat32 *f, uint32_t first, uint32_t slot, struct cursor *cur,
		      uint64_t *sector, uint32_t *off)
{
	uint32_t per_clus = f->clus_bytes / DIRENT_SIZE;
	if (first == 0 || slot >= DIR_MAX_SLOTS)
		return 1;
	int r = chain_seek(f, first, slot / per_clus, cur, NO_GROW);
	if (r != 0)
		return r;
	uint32_t byte = slot % per_clus * DIRENT_SIZE;
	*sector = cluster_sector(f, cur->clus) + byte / BSIZE;
	*off = byte % BSIZE;
	return 0;
}

/* ---- Names -------------------------------------------------------------- */

static int upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* Names equal but for the case of ASCII letters (FAT's rule). */
static bool same_name(const char *a, const char *b)
{
	for (; *a != 0 && upper((uint8_t)*a) == upper((uint8_t)*b); a++, b++)
		;
	return upper((uint8_t)*a) == upper((uint8_t)*b);
}

/* Characters allowed in a short name besides letters and digits. */
static bool short_special(int c)
{
	const char *s = "!#$%&'()-@^_`{}~";
	for (; *s != 0; s++)
		if (*s == c)
			return true;
	return false;
}

/* Characters no FAT name may hold. */
static bool forbidden(uint32_t c)
{
	const char *s = "\"*/:<>?\\|";
	if (c < 0x20 || c == 0x7F)
		return true;
	for (; *s != 0; s++)
		if ((uint32_t)*s == c)
			return true;
	return false;
}

/* "NAME.EXT" out of the 11 bytes of a short entry, in lower case where
   ntres says (how Windows NT and Linux store "readme.txt" without a long
   name). Bytes a path cannot hold show as '_'. */
static void short_to_str(const uint8_t *n11, uint8_t ntres, char out[13])
{
	int k = 0, nbase = 8, next = 3;
	while (nbase > 0 && n11[nbase - 1] == ' ')
		nbase--;
	while (next > 0 && n11[8 + next - 1] == ' ')
		next--;
	for (int i = 0; i < nbase + next; i++) {
		int c = i < nbase ? n11[i] : n11[8 + i - nbase];
		uint8_t lower = i < nbase ? NTRES_LOWER_BASE : NTRES_LOWER_EXT;
		if (i == 0 && c == DIRENT_KANJI_E5)
			c = 0xE5;
		if ((ntres & lower) && c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		if (c < 0x20 || c == '/')
			c = '_';
		if (i == nbase)
			out[k++] = '.';
		out[k++] = (char)c;
	}
	if (k == 0)
		out[k++] = '_';
	out[k] = 0;
}

/* `name` as a plain short entry (8.3, only characters short names allow,
   each part in one case): true with the 11 bytes and case flags. */
static bool make_short(const char *name, uint8_t n11[11], uint8_t *ntres)
{
	int len = (int)strlen(name), dot = -1;
	for (int i = 0; i < len; i++)
		if (name[i] == '.') {
			if (dot >= 0)
				return false;
			dot = i;
		}
	int nbase = dot < 0 ? len : dot, next = dot < 0 ? 0 : len - dot - 1;
	if (nbase < 1 || nbase > 8 || next > 3 || (dot >= 0 && next == 0))
		return false;
	memset(n11, ' ', 11);
	*ntres = 0;
	for (int part = 0; part < 2; part++) {
		const char *s = part == 0 ? name : name + dot + 1;
		int n = part == 0 ? nbase : next;
		bool has_upper = false, has_lower = false;
		for (int i = 0; i < n; i++) {
			int c = (uint8_t)s[i];
			if (c >= 'a' && c <= 'z')
				has_lower = true;
			else if (c >= 'A' && c <= 'Z')
				has_upper = true;
			else if (!(c >= '0' && c <= '9') && !short_special(c))
				return false;
			n11[part * 8 + i] = (uint8_t)upper(c);
		}
		if (has_lower && has_upper)
			return false;
		if (has_lower)
			*ntres |= part == 0 ? NTRES_LOWER_BASE : NTRES_LOWER_EXT;
	}
	return true;
}

/* Decode the UTF-8 name into UCS-2 (FAT's long names): the number of
   characters, or -EINVAL (bad UTF-8, beyond 0xFFFF, a character FAT
   forbids, or a trailing dot or space, which Windows would drop) or
   -ENAMETOOLONG. */
static int name_to_ucs2(const char *name, uint16_t u[NAME_MAX])
{
	const uint8_t *p = (const uint8_t *)name;
	int n = 0;
	while (*p != 0) {
		uint32_t c = *p++, least = 0; /* least: no longer form than needed */
		int more = 0;
		if (c >= 0xE0 && c < 0xF0) {
			c &= 0x0F;
			more = 2;
			least = 0x800;
		} else if (c >= 0xC0 && c < 0xE0) {
			c &= 0x1F;
			more = 1;
			least = 0x80;
		} else if (c >= 0x80) {
			return -EINVAL;
		}
		for (; more > 0; more--, p++) {
			if ((*p & 0xC0) != 0x80)
				return -EINVAL;
			c = c << 6 | (*p & 0x3F);
		}
		if (c < least || forbidden(c) || (c >= 0xD800 && c <= 0xDFFF))
			return -EINVAL;
		if (n == NAME_MAX)
			return -ENAMETOOLONG;
		u[n++] = (uint16_t)c;
	}
	if (n == 0 || u[n - 1] == '.' || u[n - 1] == ' ')
		return -EINVAL;
	return n;
}

/* The UCS-2 long name (n characters at most, ending early at 0) in UTF-8:
   false if it does not fit in NAME_MAX bytes or is no good as a name. */
static bool ucs2_to_name(const uint16_t *u, int n, char out[NAME_MAX + 1])
{
	int k = 0;
	for (int i = 0; i < n && u[i] != 0; i++) {
		uint32_t c = u[i];
		int len = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
		if (c == '/' || (c >= 0xD800 && c <= 0xDFFF) || k + len > NAME_MAX)
			return false;
		if (len == 1) {
			out[k++] = (char)c;
		} else if (len == 2) {
			out[k++] = (char)(0xC0 | c >> 6);
			out[k++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[k++] = (char)(0xE0 | c >> 12);
			out[k++] = (char)(0x80 | (c >> 6 & 0x3F));
			out[k++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[k] = 0;
	return k > 0;
}

/* The checksum of a short name that its long-name entries carry. */
static uint8_t lfn_checksum(const uint8_t n11[11])
{
	uint8_t sum = 0;
	for (int i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + n11[i]);
	return sum;
}

/* Long-name entry number `ord` (1 is stored last) of the n-character name. */
static void lfn_fill(uint8_t raw[DIRENT_SIZE], const uint16_t *u, int n, int ord, bool last,
		     uint8_t sum)
{
	static const uint8_t offsets[LFN_CHARS] = LFN_CHAR_OFFSETS;
	memset(raw, 0, DIRENT_SIZE);
	raw[LFN_ORD] = (uint8_t)(ord | (last ? LFN_LAST : 0));
	raw[LFN_ATTR] = ATTR_LONG_NAME;
	raw[LFN_CHECKSUM] = sum;
	for (int i = 0; i < LFN_CHARS; i++) {
		int k = (ord - 1) * LFN_CHARS + i;
		put16(raw + offsets[i], k < n ? u[k] : k == n ? 0 : 0xFFFF);
	}
}

/* ---- Reading directories ------------------------------------------------ */

/* One directory entry, its long name put together. */
struct entry {
	struct fat_dirent de;
	uint64_t ino;		 /* where de is */
	uint32_t first_slot;	 /* its first slot (of the long name if it has one) */
	uint32_t next_slot;	 /* the slot after it */
	int dot;		 /* 1: ".", 2: "..", else 0 */
	char short_name[13];	 /* "NAME.EXT" (case as ntres says) */
	char name[NAME_MAX + 1]; /* the long name, or the short one */
};

/* Reading a directory entry by entry. */
struct dir_iter {
	struct fat32 *f;
	uint32_t first; /* first cluster of the directory (0: it has none) */
	uint32_t slot;	/* the next slot to look at */
	struct cursor cur;
};

static void iter_init(struct dir_iter *it, struct fat32 *f, uint32_t first, uint32_t slot)
{
	it->f = f;
	it->first = first;
	it->slot = slot;
	memset(&it->cur, 0, sizeof(it->cur));
}

/* The next entry, skipping free slots, the volume label and stray long
   name parts: 1 with *e, 0 at the end of the directory, or -errno. */
static int dir_next(struct dir_iter *it, struct entry *e)
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
		short_to_str(raw, e->de.ntres, e->short_name);
		if (expect == -1 && lfn_checksum(raw) == sum &&
		    ucs2_to_name(lfn, parts * LFN_CHARS, e->name)) {
			e->first_slot = start;
		} else {
			e->first_slot = it->slot;
			memcpy(e->name, e->short_name, sizeof(e->short_name));
		}
		it->slot++;
		return 1;
	}
}

/* Look for `name` (long name or alias, any case): 1 with *e, 0 if it is not
   there, or -errno. */
static int dir_find(struct fat32 *f, uint32_t first, const char *name, struct entry *e)
{
	struct dir_iter it;
	int r;
	iter_init(&it, f, first, 0);
	while ((r = dir_next(&it, e)) == 1)
		if (e->dot == 0 && (same_name(name, e->name) || same_name(name, e->short_name)))
			return 1;
	return r;
}

/* Is there a short entry with these 11 bytes? 1, 0, or -errno. */
static int short_exists(struct fat32 *f, uint32_t first, const uint8_t n11[11])
{
	struct dir_iter it;
	struct entry e;
	int r;
	iter_init(&it, f, first, 0);
	while ((r = dir_next(&it, &e)) == 1)
		if (memcmp(e.de.name, n11, 11) == 0)
			return 1;
	return r;
}

/* Does the directory hold nothing but "." and ".."? 1, 0, or -errno. */
static int dir_empty(struct fat32 *f, uint32_t first)
{
	struct dir_iter it;
	struct entry e;
	int r;
	iter_init(&it, f, first, 0);
	while ((r = dir_next(&it, &e)) == 1)
		if (e.dot == 0)
			return 0;
	return r < 0 ? r : 1;
}

/* The first cluster of a directory inode (0 for a removed one). */
static int dir_first(struct inode *ip, uint32_t *first)
{
	uint32_t size;
	if (ip->type != INODE_DIR)
		return -ENOTDIR;
	return node_get(ip, first, &size);
}

/* The cluster the ".." entry of a directory names (the root's, for 0). */
static int dotdot(struct fat32 *f, uint32_t first, uint32_t *parent)
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

/* ---- The operations ----------------------------------------------------- */

static struct inode *entry_inode(struct fat32 *f, struct entry *e, int *err)
{
	enum inode_type type = (e->de.attr & ATTR_DIRECTORY) ? INODE_DIR : INODE_FILE;
	struct inode *ip = iget(&f->fs, e->ino, type, 0);
	if (ip == NULL)
		*err = -ENFILE;
	return ip;
}

static struct inode *fat_root(struct fs *fs)
{
	return iget(fs, ROOT_INO, INODE_DIR, 0);
}

/* "..": find the parent's entry in the grandparent (by its first cluster). */
static struct inode *lookup_parent(struct inode *dir, uint32_t first, int *err)
{
	struct fat32 *f = fat_of(dir);
	struct dir_iter it;
	struct entry e;
	uint32_t parent, grand;
	int r;
	if (dir->ino == ROOT_INO)
		return idup(dir);
	if (first == 0) {
		*err = -ENOENT;
		return NULL;
	}
	r = dotdot(f, first, &parent);
	if (r == 0 && parent == f->root_clus) {
		struct inode *ip = fat_root(&f->fs);
		if (ip == NULL)
			*err = -ENFILE;
		return ip;
	}
	if (r == 0)
		r = dotdot(f, parent, &grand);
	if (r != 0) {
		*err = r;
		return NULL;
	}
	iter_init(&it, f, grand, 0);
	while ((r = dir_next(&it, &e)) == 1)
		if (e.dot == 0 && (e.de.attr & ATTR_DIRECTORY) && dirent_cluster(&e.de) == parent)
			return entry_inode(f, &e, err);
	if (r == 0) {
		error("fat32: %s: directory at cluster %u is not in its parent", f->dev->name,
		      parent);
		r = -EIO;
	}
	*err = r;
	return NULL;
}

static struct inode *fat_lookup(struct inode *dir, const char *name, int *err)
{
	struct fat32 *f = fat_of(dir);
	struct entry e;
	uint32_t first;
	int r = dir_first(dir, &first);
	if (r == 0 && strcmp(name, ".") == 0)
		return idup(dir);
	if (r == 0 && strcmp(name, "..") == 0)
		return lookup_parent(dir, first, err);
	if (r == 0 && strlen(name) > NAME_MAX)
		r = -ENAMETOOLONG;
	if (r == 0)
		r = dir_find(f, first, name, &e);
	if (r == 1)
		return entry_inode(f, &e, err);
	*err = r == 0 ? -ENOENT : r;
	return NULL;
}

/* An 8.3 alias for a long name, unique in the directory: the name in upper
   case without what short names cannot hold, cut to 8.3, with "~N" unless
   that alone is a faithful short name not yet taken. 0 or -errno. */
static int make_alias(struct fat32 *f, uint32_t first, const uint16_t *u, int n, uint8_t n11[11])
{
	char base[8], ext[3], tail[9];
	int nbase = 0, next = 0, start = 0, dot = -1, r;
	bool lossy = false;
	for (; start < n && u[start] == '.'; start++)
		lossy = true;
	for (int i = start; i < n; i++)
		if (u[i] == '.')
			dot = i;
	for (int i = start; i < n; i++) {
		int c = u[i] < 0x80 ? upper(u[i]) : 0;
		if (i == dot)
			continue;
		if (c == ' ' || c == '.') {
			lossy = true;
			continue;
		}
		if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && !short_special(c)) {
			c = '_';
			lossy = true;
		}
		if (dot >= 0 && i > dot) {
			if (next < 3)
				ext[next++] = (char)c;
			else
				lossy = true;
		} else if (nbase < 8) {
			base[nbase++] = (char)c;
		} else {
			lossy = true;
		}
	}
	if (nbase == 0) {
		base[nbase++] = '_';
		lossy = true;
	}
	memset(n11, ' ', 11);
	memcpy(n11, base, nbase);
	memcpy(n11 + 8, ext, next);
	if (!lossy) {
		r = short_exists(f, first, n11);
		if (r <= 0)
			return r;
	}
	/* After ~4, as Windows does, put a hash of the long name in the alias
	   ("AB12F3~1"): many names with one prefix then need few tries. */
	uint32_t hash = 0;
	for (int i = 0; i < n; i++)
		hash = hash * 31 + u[i];
	for (uint32_t k = 1; k < 100000; k++) {
		if (k == 5) {
			nbase = nbase < 2 ? nbase : 2;
			nbase += snprintf(base + nbase, 8 - nbase, "%04X", hash & 0xFFFF);
		}
		int ntail = snprintf(tail, sizeof(tail), "~%u", k < 5 ? k : k - 4);
		int keep = nbase < 8 - ntail ? nbase : 8 - ntail;
		memset(n11, ' ', 8);
		memcpy(n11, base, keep);
		memcpy(n11 + keep, tail, ntail);
		r = short_exists(f, first, n11);
		if (r <= 0)
			return r;
	}
	return -EEXIST;
}

/* Find `count` free slots in a row in the directory, adding clusters if
   there are not enough: 0 with *start, and *past_end true if they reach
   the end marker (so the slot after them must become the new one). */
static int dir_find_free(struct fat32 *f, uint32_t first, uint32_t count, uint32_t *start,
			 bool *past_end)
{
	struct cursor cur = {0};
	uint32_t run = 0, slot;
	bool end = false;
	for (slot = 0; run < count; slot++) {
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
		return chain_seek(f, first, last / (f->clus_bytes / DIRENT_SIZE), &cur,
				  GROW_ZEROED);
	}
	return 0;
}

/* A zeroed cluster for a new directory, with "." and "..". */
static int new_dir_cluster(struct fat32 *f, uint32_t parent, uint32_t *out)
{
	struct fat_dirent de;
	uint32_t c;
	int r = alloc_cluster(f, 0, true, &c);
	if (r != 0)
		return r;
	dirent_init(&de, (const uint8_t *)".          ", ATTR_DIRECTORY, 0, c);
	r = raw_write(f, cluster_sector(f, c), 0, &de);
	dirent_init(&de, (const uint8_t *)"..         ", ATTR_DIRECTORY, 0, parent);
	if (r == 0)
		r = raw_write(f, cluster_sector(f, c), DIRENT_SIZE, &de);
	if (r != 0) {
		free_chain(f, c);
		return r;
	}
	*out = c;
	return 0;
}

/* Write the long-name entries and the short entry in slots start.. of the
   directory; *ino: where the short entry went. */
static int write_entries(struct fat32 *f, uint32_t first, uint32_t start, uint32_t count,
			 const uint16_t *u, int n, const struct fat_dirent *de, bool past_end,
			 uint64_t *ino)
{
	struct cursor cur = {0};
	uint8_t raw[DIRENT_SIZE];
	uint64_t sector;
	uint32_t off;
	uint8_t sum = lfn_checksum(de->name);
	for (uint32_t i = 0; i < count; i++) {
		int r = dir_locate(f, first, start + i, &cur, &sector, &off);
		if (r != 0)
			return r < 0 ? r : -EIO;
		if (i + 1 < count)
			lfn_fill(raw, u, n, (int)(count - 1 - i), i == 0, sum);
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

/* Check a new name and find its short name: 0 with the UCS-2 name in u
   (*n characters), n11 and ntres, and *count slots needed; or -errno. */
static int new_name(struct fat32 *f, uint32_t first, const char *name, uint16_t *u, int *n,
		    uint8_t n11[11], uint8_t *ntres, uint32_t *count)
{
	struct entry e;
	int r;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EEXIST;
	if (strlen(name) > NAME_MAX)
		return -ENAMETOOLONG;
	*n = name_to_ucs2(name, u);
	if (*n < 0)
		return *n;
	r = dir_find(f, first, name, &e);
	if (r != 0)
		return r > 0 ? -EEXIST : r;
	*count = 1;
	if (make_short(name, n11, ntres))
		return 0;
	*ntres = 0;
	*count = (uint32_t)(*n + LFN_CHARS - 1) / LFN_CHARS + 1;
	return make_alias(f, first, u, *n, n11);
}

static struct inode *fat_create(struct inode *dir, const char *name, enum inode_type type, int *err)
{
	struct fat32 *f = fat_of(dir);
	uint16_t u[NAME_MAX];
	uint8_t n11[11], ntres;
	struct fat_dirent de;
	uint32_t first, start, count, clus = 0;
	uint64_t ino;
	bool past_end;
	int n, r = dir_first(dir, &first);
	if (r == 0 && first == 0)
		r = -ENOENT; /* the directory has been removed */
	if (r == 0)
		r = new_name(f, first, name, u, &n, n11, &ntres, &count);
	if (r == 0)
		r = dir_find_free(f, first, count, &start, &past_end);
	if (r == 0 && type == INODE_DIR)
		r = new_dir_cluster(f, dir->ino == ROOT_INO ? 0 : first, &clus);
	if (r == 0) {
		dirent_init(&de, n11, type == INODE_DIR ? ATTR_DIRECTORY : ATTR_ARCHIVE, ntres,
			    clus);
		r = write_entries(f, first, start, count, u, n, &de, past_end, &ino);
		if (r != 0 && clus != 0)
			free_chain(f, clus);
	}
	fsinfo_flush(f);
	if (r != 0) {
		*err = r;
		return NULL;
	}
	struct inode *ip = iget(&f->fs, ino, type, 0);
	if (ip == NULL)
		*err = -ENFILE;
	return ip;
}

static int fat_link(struct inode *dir, const char *name, struct inode *target)
{
	(void)dir;
	(void)name;
	(void)target;
	return -EPERM; /* FAT has no hard links */
}

/* Mark slots from..to-1 of the directory free. */
static int delete_slots(struct fat32 *f, uint32_t first, uint32_t from, uint32_t to)
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

static int fat_unlink(struct inode *dir, const char *name)
{
	struct fat32 *f = fat_of(dir);
	struct entry e;
	uint32_t first;
	int r = dir_first(dir, &first);
	if (r != 0)
		return r;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EINVAL;
	r = dir_find(f, first, name, &e);
	if (r <= 0)
		return r == 0 ? -ENOENT : r;
	bool is_dir = e.de.attr & ATTR_DIRECTORY;
	uint32_t clus = dirent_cluster(&e.de);
	if (is_dir) {
		if (!cluster_ok(f, clus)) {
			error("fat32: %s: directory %s starts at 0x%x: not a cluster", f->dev->name,
			      e.name, clus);
			return -EIO;
		}
		r = dir_empty(f, clus);
		if (r <= 0)
			return r == 0 ? -ENOTEMPTY : r;
	}
	/* Its inode, to see whether it is in use. */
	struct inode *ip = iget(&f->fs, e.ino, is_dir ? INODE_DIR : INODE_FILE, 0);
	bool in_use = ip != NULL && ip->refs > 1;
	r = delete_slots(f, first, e.first_slot, e.next_slot);
	if (r == 0 && in_use) {
		/* An orphan: the slot is free now, the clusters go at release. */
		ip->ino = ORPHAN_INO | ++f->orphans;
		ip->fs_priv = is_dir ? 0 : (uint64_t)e.de.size << 32 | clus;
		if (is_dir)
			r = free_chain(f, clus);
	} else if (r == 0 && clus != 0) {
		r = free_chain(f, clus);
	}
	iput(ip);
	fsinfo_flush(f);
	return r;
}

static long fat_read(struct inode *ip, uint64_t off, void *buf, uint64_t n)
{
	struct fat32 *f = fat_of(ip);
	uint32_t first, size;
	uint64_t done = 0;
	int r;
	if (ip->type != INODE_FILE)
		return -EISDIR;
	r = node_get(ip, &first, &size);
	if (r != 0 || off >= size)
		return r;
	if (n > size - off)
		n = size - off;
	struct cursor cur = cursor_load(ip);
	while (done < n) {
		uint64_t pos = off + done;
		uint32_t in = (uint32_t)(pos % f->clus_bytes), in_sector = in % BSIZE;
		uint64_t m = BSIZE - in_sector < n - done ? BSIZE - in_sector : n - done;
		r = chain_seek(f, first, (uint32_t)(pos / f->clus_bytes), &cur, NO_GROW);
		if (r > 0) {
			error("fat32: %s: a file of %u bytes has fewer clusters", f->dev->name,
			      size);
			r = -EIO;
		}
		if (r < 0)
			break;
		struct buf *b = bread(f->dev, cluster_sector(f, cur.clus) + in / BSIZE);
		if (b == NULL) {
			r = -EIO;
			break;
		}
		memcpy((uint8_t *)buf + done, b->data + in_sector, m);
		brelse(b);
		done += m;
	}
	/* After an error the next call walks from the start again (a loop is
	   found again, not walked round from the middle). */
	cursor_save(ip, r < 0 ? (struct cursor){0} : cur);
	return done > 0 ? (long)done : r;
}

/* Write n bytes from src (zeros if NULL) at off, growing the file: the
   bytes written (*first and *size updated), or -errno if none were. */
static long write_range(struct inode *ip, uint32_t *first, uint32_t *size, uint64_t off,
			const uint8_t *src, uint64_t n)
{
	struct fat32 *f = fat_of(ip);
	struct cursor cur = cursor_load(ip);
	uint64_t done = 0;
	int r = 0;
	while (done < n) {
		uint64_t pos = off + done;
		uint32_t in = (uint32_t)(pos % f->clus_bytes), in_sector = in % BSIZE;
		uint64_t m = BSIZE - in_sector < n - done ? BSIZE - in_sector : n - done;
		if (*first == 0) {
			r = alloc_cluster(f, 0, false, first);
			if (r != 0)
				break;
			cur.index = 0;
			cur.clus = *first;
		}
		r = chain_seek(f, *first, (uint32_t)(pos / f->clus_bytes), &cur, GROW);
		if (r != 0)
			break;
		uint64_t sector = cluster_sector(f, cur.clus) + in / BSIZE;
		/* a whole sector is overwritten: no need to read it first */
		struct buf *b = m == BSIZE ? bget(f->dev, sector) : bread(f->dev, sector);
		if (b == NULL) {
			r = -EIO;
			break;
		}
		if (src != NULL)
			memcpy(b->data + in_sector, src + done, m);
		else
			memset(b->data + in_sector, 0, m);
		bdirty(b);
		brelse(b);
		done += m;
		if (pos + m > *size)
			*size = (uint32_t)(pos + m);
	}
	cursor_save(ip, r < 0 ? (struct cursor){0} : cur);
	return done > 0 ? (long)done : r;
}

static long fat_write(struct inode *ip, uint64_t off, const void *buf, uint64_t n)
{
	struct fat32 *f = fat_of(ip);
	uint32_t first, size, old_first, old_size;
	long r = 0;
	if (ip->type != INODE_FILE)
		return -EISDIR;
	if (n == 0)
		return 0;
	if (off >= MAX_FILE_SIZE)
		return -EFBIG;
	if (n > MAX_FILE_SIZE - off)
		n = MAX_FILE_SIZE - off;
	r = node_get(ip, &first, &size);
	if (r != 0)
		return r;
	old_first = first;
	old_size = size;
	if (off > size) {
		/* FAT has no holes: fill the gap with zeros, if there is room. */
		uint64_t have = ((uint64_t)size + f->clus_bytes - 1) / f->clus_bytes;
		uint64_t need = (off + f->clus_bytes - 1) / f->clus_bytes;
		if (need - have > f->free_count)
			r = -ENOSPC;
		if (r == 0)
			r = write_range(ip, &first, &size, size, NULL, off - size);
		if (r > 0)
			r = size < off ? -ENOSPC : 0;
	}
	if (r == 0)
		r = write_range(ip, &first, &size, off, buf, n);
	if ((first != old_first || size != old_size) && node_set(ip, first, size) != 0)
		r = -EIO;
	fsinfo_flush(f);
	return r;
}

static int fat_truncate(struct inode *ip)
{
	struct fat32 *f = fat_of(ip);
	uint32_t first, size;
	int r;
	if (ip->type != INODE_FILE)
		return -EISDIR;
	r = node_get(ip, &first, &size);
	if (r != 0 || (first == 0 && size == 0))
		return r;
	/* The entry lets go of the chain first: a crash between the two
	   leaves lost clusters, not an entry pointing at free ones. */
	r = node_set(ip, 0, 0);
	cursor_save(ip, (struct cursor){0});
	if (r == 0 && first != 0)
		r = free_chain(f, first);
	fsinfo_flush(f);
	return r;
}

static void fat_stat(struct inode *ip, uint64_t *size, uint32_t *nlink)
{
	uint32_t first, bytes;
	*size = 0;
	*nlink = (ip->ino & ORPHAN_INO) ? 0 : 1;
	if (node_get(ip, &first, &bytes) != 0)
		return;
	*size = ip->type == INODE_FILE ? bytes : chain_bytes(fat_of(ip), first);
}

/* Entries from slot *pos on. When fn returns non-zero, *pos stays on the
   entry it refused (it comes again next time). "." and ".." are left out. */
static int fat_readdir(struct inode *dir, uint64_t *pos, dir_fn fn, void *arg)
{
	struct dir_iter it;
	struct entry e;
	uint32_t first;
	int r = dir_first(dir, &first);
	if (r != 0 || *pos >= DIR_MAX_SLOTS)
		return r;
	iter_init(&it, fat_of(dir), first, (uint32_t)*pos);
	while ((r = dir_next(&it, &e)) == 1) {
		enum inode_type type = (e.de.attr & ATTR_DIRECTORY) ? INODE_DIR : INODE_FILE;
		if (e.dot == 0 && fn(arg, e.name, e.ino, type) != 0) {
			*pos = e.first_slot;
			return 0;
		}
		*pos = e.next_slot;
	}
	if (r == 0)
		*pos = it.slot;
	return r;
}

static void fat_release(struct inode *ip)
{
	struct fat32 *f = fat_of(ip);
	if ((ip->ino & ORPHAN_INO) && ip->type == INODE_FILE && (uint32_t)ip->fs_priv != 0) {
		free_chain(f, (uint32_t)ip->fs_priv);
		fsinfo_flush(f);
	}
}

static void fat_sync(struct fs *fs)
{
	struct fat32 *f = fs->priv;
	fsinfo_flush(f);
	if (bcache_sync(f->dev) != 0)
		error("fat32: %s: writing back to the disk failed", f->dev->name);
}

static const struct fs_ops fat32_ops = {
    .root = fat_root,
    .lookup = fat_lookup,
    .create = fat_create,
    .link = fat_link,
    .unlink = fat_unlink,
    .read = fat_read,
    .write = fat_write,
    .truncate = fat_truncate,
    .stat = fat_stat,
    .readdir = fat_readdir,
    .release = fat_release,
    .sync = fat_sync,
};

/* ---- Mounting ----------------------------------------------------------- */

/* Check the boot sector and fill in f; false, with the reason said, if it
   is not a FAT32 volume this driver can use. */
static bool read_boot(struct fat32 *f, const uint8_t *bs, struct blk_dev *d)
{
	const char *dn = d->name;
	uint32_t bps = get16(bs + BPB_BYTES_PER_SEC), spc = bs[BPB_SEC_PER_CLUS];
	uint32_t rsvd = get16(bs + BPB_RSVD_SEC_CNT), nfats = bs[BPB_NUM_FATS];
	uint32_t total = get32(bs + BPB_TOT_SEC32), fatsz = get32(bs + BPB_FAT_SZ32);
	uint32_t flags = get16(bs + BPB_EXT_FLAGS);
	if (bs[BOOT_SIG] != 0x55 || bs[BOOT_SIG + 1] != 0xAA) {
		warn("fat32: %s: no boot sector signature 0x55AA: not a FAT volume", dn);
		return false;
	}
	if (bps != 512) {
		warn("fat32: %s: %u bytes per sector: only 512 is supported", dn, bps);
		return false;
	}
	if (spc == 0 || (spc & (spc - 1)) != 0) {
		warn("fat32: %s: %u sectors per cluster: not a power of two", dn, spc);
		return false;
	}
	if (get16(bs + BPB_ROOT_ENT_CNT) != 0 || get16(bs + BPB_FAT_SZ16) != 0 ||
	    get16(bs + BPB_TOT_SEC16) != 0 || fatsz == 0) {
		warn("fat32: %s: a FAT12/FAT16 layout, not FAT32", dn);
		return false;
	}
	if (get16(bs + BPB_FS_VER) != 0) {
		warn("fat32: %s: FAT32 version 0x%x: only 0 is known", dn, get16(bs + BPB_FS_VER));
		return false;
	}
	if (rsvd == 0 || nfats == 0 || nfats > 2) {
		warn("fat32: %s: %u reserved sectors, %u FATs: not a sane FAT32", dn, rsvd, nfats);
		return false;
	}
	if (total > d->nsectors) {
		warn("fat32: %s: the volume has %u sectors but the disk only %lu", dn, total,
		     d->nsectors);
		return false;
	}
	uint64_t data = rsvd + (uint64_t)nfats * fatsz;
	if (data >= total || (total - data) / spc == 0) {
		warn("fat32: %s: %u reserved sectors and %u FATs of %u sectors leave no room for "
		     "data in %u sectors",
		     dn, rsvd, nfats, fatsz, total);
		return false;
	}
	uint32_t nclusters = (uint32_t)((total - data) / spc);
	if (nclusters > FAT_MAX_CLUSTERS || (uint64_t)fatsz * (BSIZE / 4) < nclusters + 2ULL) {
		warn("fat32: %s: %u clusters do not fit a FAT of %u sectors", dn, nclusters, fatsz);
		return false;
	}
	if ((flags & 0x80) && (flags & 0xF) >= nfats) {
		warn("fat32: %s: the active FAT is number %u of %u", dn, flags & 0xF, nfats);
		return false;
	}
	f->dev = d;
	f->sec_per_clus = spc;
	f->clus_bytes = spc * BSIZE;
	f->fat_start = rsvd;
	f->fat_sectors = fatsz;
	f->nfats = nfats;
	f->mirror = !(flags & 0x80);
	f->active_fat = f->mirror ? 0 : flags & 0xF;
	f->data_start = (uint32_t)data;
	f->nclusters = nclusters;
	f->root_clus = get32(bs + BPB_ROOT_CLUS);
	if (!cluster_ok(f, f->root_clus)) {
		warn("fat32: %s: root directory at cluster %u, out of 2..%u", dn, f->root_clus,
		     nclusters + 1);
		return false;
	}
	f->fsinfo = get16(bs + BPB_FS_INFO);
	if (f->fsinfo == 0 || f->fsinfo >= rsvd)
		f->fsinfo = 0;
	return true;
}

/* Read the FSInfo sector's hints (or do without one that is broken).
   If it does not know the free count, count: fsck.fat wants it right. */
static int read_fsinfo(struct fat32 *f)
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

struct fs *fat32_mount(struct blk_dev *d)
{
	struct fat32 *f = NULL;
	uint32_t next;
	for (int i = 0; i < MAX_BLK_DEVS && f == NULL; i++)
		if (!volumes[i].used)
			f = &volumes[i];
	if (f == NULL) {
		warn("fat32: %s: no room for another FAT32 volume", d->name);
		return NULL;
	}
	struct buf *b = d->nsectors > 0 ? bread(d, 0) : NULL;
	if (b == NULL) {
		warn("fat32: %s: cannot read the boot sector", d->name);
		return NULL;
	}
	memset(f, 0, sizeof(*f));
	bool ok = read_boot(f, b->data, d);
	brelse(b);
	if (!ok)
		return NULL;
	if (fat_next(f, f->root_clus, &next) != 0) {
		warn("fat32: %s: the root directory's cluster chain is broken", d->name);
		return NULL;
	}
	if (read_fsinfo(f) != 0) {
		warn("fat32: %s: cannot read the FAT", d->name);
		return NULL;
	}
	f->used = true;
	f->fs.type = "fat32";
	f->fs.ops = &fat32_ops;
	f->fs.priv = f;
	info("fat32: %s: %u clusters of %u bytes, %u free", d->name, f->nclusters, f->clus_bytes,
	     f->free_count);
	return &f->fs;
}
