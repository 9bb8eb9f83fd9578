/*
 * dircache.c - a name index for large directories, shared by the file
 * systems, so that looking a name up (and making sure a new one is not
 * there yet) does not read the whole directory each time.
 *
 * For a few directories at once (DC_DIRS, the least recently used goes),
 * a hash table maps the hash of a name to the position of its entry (what
 * a position is, the file system decides: easy-fs, the entry's number;
 * FAT, its first slot). A slot holds 16 bits of the hash and the position,
 * so a lookup reads from the disk only the entries whose hash matches, and
 * checks their names there: the index may say "maybe here", never "here"
 * without the disk agreeing. It does say "not here" on its own, so the
 * file system must tell it of every entry it adds, moves or removes
 * (dc_add, dc_remove), and drop it (dc_forget) after an error or when the
 * directory goes. An index that would get too full is dropped; the file
 * system then scans, as without one, and may build it again.
 * Nothing here is on the disk: the formats are unchanged.
 */
#include "fs/dircache.h"

#define DC_DIRS 4
#define DC_SLOTS 16384 /* a power of two */
#define DC_MAX_KEYS (DC_SLOTS / 4 * 3)
#define EMPTY 0xFFFFFFFFu
#define GONE 0xFFFFFFFEu /* a removed key: probing goes on past it */

struct dircache {
	struct fs *fs; /* NULL: not in use */
	uint64_t dir;
	uint64_t stamp;		 /* when last used */
	uint32_t keys;		 /* live keys */
	uint32_t filled;	 /* slots not EMPTY (live keys and GONE) */
	uint32_t hint;		 /* kept for the file system (dc_hint) */
	uint32_t slot[DC_SLOTS]; /* hash >> 16 << 16 | position, EMPTY or GONE */
};

static struct dircache caches[DC_DIRS];
static uint64_t clock;

uint32_t dc_hash(const char *name, bool fold)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *name != '\0'; name++) {
		uint8_t c = (uint8_t)*name;
		if (fold && c >= 'a' && c <= 'z')
			c = c - 'a' + 'A';
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static void clear(struct dircache *c)
{
	c->keys = c->filled = c->hint = 0;
	memset(c->slot, 0xFF, sizeof(c->slot));
}

struct dircache *dc_get(struct fs *fs, uint64_t dir)
{
	for (int i = 0; i < DC_DIRS; i++) {
		if (caches[i].fs == fs && caches[i].dir == dir) {
			caches[i].stamp = ++clock;
			return &caches[i];
		}
	}
	return NULL;
}

struct dircache *dc_new(struct fs *fs, uint64_t dir)
{
	struct dircache *c = &caches[0];
	dc_forget(fs, dir);
	for (int i = 1; i < DC_DIRS && c->fs != NULL; i++)
		if (caches[i].fs == NULL || caches[i].stamp < c->stamp)
			c = &caches[i];
	clear(c);
	c->fs = fs;
	c->dir = dir;
	c->stamp = ++clock;
	return c;
}

void dc_drop(struct dircache *c)
{
	if (c != NULL)
		c->fs = NULL;
}

void dc_forget(struct fs *fs, uint64_t dir)
{
	for (int i = 0; i < DC_DIRS; i++)
		if (caches[i].fs == fs && caches[i].dir == dir)
			caches[i].fs = NULL;
}

void dc_forget_fs(struct fs *fs)
{
	for (int i = 0; i < DC_DIRS; i++)
		if (caches[i].fs == fs)
			caches[i].fs = NULL;
}

static uint32_t first_slot(uint32_t hash)
{
	return (hash ^ hash >> 14) & (DC_SLOTS - 1);
}

static uint32_t key(uint32_t hash, uint32_t pos)
{
	return (hash & 0xFFFF0000u) | pos;
}

int dc_add(struct dircache *c, uint32_t hash, uint32_t pos)
{
	if (pos > DC_MAX_POS || c->keys >= DC_MAX_KEYS) {
		dc_drop(c);
		return -1;
	}
	if (c->filled >= DC_MAX_KEYS) { /* too many GONE: start again */
		dc_drop(c);
		return -1;
	}
	uint32_t i = first_slot(hash);
	while (c->slot[i] != EMPTY && c->slot[i] != GONE)
		i = (i + 1) & (DC_SLOTS - 1);
	if (c->slot[i] == EMPTY)
		c->filled++;
	c->slot[i] = key(hash, pos);
	c->keys++;
	return 0;
}

void dc_remove(struct dircache *c, uint32_t hash, uint32_t pos)
{
	uint32_t want = key(hash, pos);
	for (uint32_t i = first_slot(hash); c->slot[i] != EMPTY; i = (i + 1) & (DC_SLOTS - 1)) {
		if (c->slot[i] == want) {
			/* Before an EMPTY slot no probe needs to go past it. */
			if (c->slot[(i + 1) & (DC_SLOTS - 1)] == EMPTY) {
				c->slot[i] = EMPTY;
				c->filled--;
			} else {
				c->slot[i] = GONE;
			}
			c->keys--;
			return;
		}
	}
	dc_drop(c); /* it was not there: the index is wrong, do without it */
}

bool dc_next(struct dircache *c, uint32_t hash, uint32_t *iter, uint32_t *pos)
{
	uint32_t i = *iter == 0 ? first_slot(hash) : *iter & (DC_SLOTS - 1);
	uint32_t steps = 0;
	for (; c->slot[i] != EMPTY && steps < DC_SLOTS; i = (i + 1) & (DC_SLOTS - 1), steps++) {
		if (c->slot[i] != GONE && (c->slot[i] & 0xFFFF0000u) == (hash & 0xFFFF0000u)) {
			*pos = c->slot[i] & 0xFFFF;
			*iter = i + 1;
			return true;
		}
	}
	return false;
}

uint32_t dc_hint(struct dircache *c)
{
	return c->hint;
}

void dc_set_hint(struct dircache *c, uint32_t hint)
{
	c->hint = hint;
}
