/*
 * easyfs_dir.c - easy-fs directories: entries, lookup, create, link,
 * unlink, readdir, and link counts.
 *
 * A directory is an array of 32-byte entries with no holes; removing one
 * moves the last into its place. Directories hold no "." or ".." entries
 * (see easyfs_format.h). The VFS resolves those on the path; lookup still
 * answers them, finding a directory's parent by a scan (a directory has
 * exactly one name).
 *
 * A directory of INDEX_MIN entries or more gets a name index in memory
 * (dircache.c), built by one scan and kept up to date here (append,
 * remove), so lookup and create do not scan it again.
 *
 * Link counts are not on disk (the 128 bytes are full). A file's count is
 * the number of directory entries that name it; one scan of every
 * directory, the first time it is needed, marks the files with more than
 * one name (struct efs: multi), link marks the new ones, and only for
 * those is the count found by scanning every directory again. A
 * directory's count is 2 plus its subdirectories, as in Unix.
 * When unlink removes a file's last name, the file is freed at once if no
 * one has it open, otherwise it is marked an orphan (EFS_ORPHAN in
 * fs_priv) and freed by the release op when the last reference goes.
 */
#include "fs/easyfs_internal.h"

/* ---- entries ---- */

static bool name_ok(const struct efs_dirent *de)
{
	for (int i = 0; i <= EFS_NAME_MAX; i++)
		if (de->name[i] == '\0')
			return i > 0;
	return false;
}

/* Entry `i` of a directory; 0 or -EIO. */
static int dir_entry(struct efs *e, const struct efs_dinode *dir, uint32_t i, struct efs_dirent *de)
{
	if (efs_read_at(e, dir, (uint64_t)i * DIRENT_SIZE, de, DIRENT_SIZE) != DIRENT_SIZE)
		return -EIO;
	if (!name_ok(de)) {
		error("easy-fs: %s: directory entry %u has a bad name", e->dev->name, i);
		return -EIO;
	}
	return 0;
}

/* Read the entries from number `i` to the end of their block into ents
   (room for DIRENTS_PER_BLOCK), checking names; how many, or -EIO. */
static long dir_chunk(struct efs *e, const struct efs_dinode *dir, uint32_t i,
		      struct efs_dirent *ents)
{
	uint32_t k = DIRENTS_PER_BLOCK - i % DIRENTS_PER_BLOCK;
	if (k > dir->size / DIRENT_SIZE - i)
		k = dir->size / DIRENT_SIZE - i;
	if (efs_read_at(e, dir, (uint64_t)i * DIRENT_SIZE, ents, k * DIRENT_SIZE) !=
	    k * DIRENT_SIZE)
		return -EIO;
	for (uint32_t j = 0; j < k; j++) {
		if (!name_ok(&ents[j])) {
			error("easy-fs: %s: directory entry %u has a bad name", e->dev->name,
			      i + j);
			return -EIO;
		}
	}
	return k;
}

#define INDEX_MIN 64 /* entries: smaller directories are just scanned */

/* The name index of directory `dino`, built now if it has none and is
   large enough; or NULL. */
static struct dircache *dir_index(struct efs *e, uint32_t dino, const struct efs_dinode *dir)
{
	struct efs_dirent ents[DIRENTS_PER_BLOCK];
	uint32_t n = dir->size / DIRENT_SIZE;
	struct dircache *c = dc_get(&e->fs, dino);
	if (c != NULL || n < INDEX_MIN || n > DC_MAX_POS + 1)
		return c;
	c = dc_new(&e->fs, dino);
	long k;
	for (uint32_t i = 0; i < n; i += k) {
		if ((k = dir_chunk(e, dir, i, ents)) < 0) {
			dc_drop(c);
			return NULL;
		}
		for (long j = 0; j < k; j++)
			if (dc_add(c, dc_hash(ents[j].name, false), i + j) != 0)
				return NULL;
	}
	return c;
}

/* Find `name` in directory `dino`: its index (and *ino), -ENOENT, or -EIO. */
static long dir_find(struct efs *e, uint32_t dino, const struct efs_dinode *dir, const char *name,
		     uint32_t *ino)
{
	struct efs_dirent ents[DIRENTS_PER_BLOCK];
	struct dircache *c = dir_index(e, dino, dir);
	uint32_t iter = 0, pos, hash = dc_hash(name, false);
	while (c != NULL && dc_next(c, hash, &iter, &pos)) {
		if (pos >= dir->size / DIRENT_SIZE) {
			dc_drop(c); /* cannot be: do without the index */
			c = NULL;
			break;
		}
		int err = dir_entry(e, dir, pos, &ents[0]);
		if (err != 0)
			return err;
		if (strcmp(ents[0].name, name) == 0) {
			*ino = ents[0].ino;
			return pos;
		}
	}
	if (c != NULL)
		return -ENOENT; /* the index has every name */
	long k;
	for (uint32_t i = 0; i < dir->size / DIRENT_SIZE; i += k) {
		if ((k = dir_chunk(e, dir, i, ents)) < 0)
			return k;
		for (long j = 0; j < k; j++) {
			if (strcmp(ents[j].name, name) == 0) {
				*ino = ents[j].ino;
				return i + j;
			}
		}
	}
	return -ENOENT;
}

static int dir_append(struct efs *e, uint32_t dino, struct efs_dinode *dir, const char *name,
		      uint32_t ino)
{
	struct efs_dirent de;
	uint32_t at = dir->size / DIRENT_SIZE;
	memset(&de, 0, sizeof(de));
	strncpy_safe(de.name, name, sizeof(de.name));
	de.ino = ino;
	long n = efs_write_at(e, dino, dir, dir->size, &de, DIRENT_SIZE);
	if (n != DIRENT_SIZE) {
		dc_forget(&e->fs, dino);
		return n < 0 ? (int)n : -EIO;
	}
	struct dircache *c = dc_get(&e->fs, dino);
	if (c != NULL)
		dc_add(c, dc_hash(name, false), at);
	return 0;
}

/* Remove entry `i` (named `name`): the last entry moves into its place. */
static int dir_remove(struct efs *e, uint32_t dino, struct efs_dinode *dir, uint32_t i,
		      const char *name)
{
	struct efs_dirent de;
	uint32_t last = dir->size / DIRENT_SIZE - 1;
	int err = 0;
	if (i != last) {
		if (dir_entry(e, dir, last, &de) != 0 ||
		    efs_write_at(e, dino, dir, (uint64_t)i * DIRENT_SIZE, &de, DIRENT_SIZE) !=
			DIRENT_SIZE)
			err = -EIO;
	}
	if (err == 0)
		err = efs_cut(e, dino, dir, last * DIRENT_SIZE);
	struct dircache *c = dc_get(&e->fs, dino);
	if (err != 0) {
		dc_drop(c);
		return err;
	}
	if (c != NULL) {
		dc_remove(c, dc_hash(name, false), i);
		if (i != last) {
			dc_remove(c, dc_hash(de.name, false), last);
			dc_add(c, dc_hash(de.name, false), i);
		}
	}
	return 0;
}

/* ---- link counts ---- */

/* Call fn for every entry of every directory: 0, or -EIO. */
static int each_name(struct efs *e, void (*fn)(void *arg, uint32_t dir, uint32_t ino), void *arg)
{
	struct efs_dirent ents[DIRENTS_PER_BLOCK];
	uint8_t used = 0;
	for (uint32_t d = 0; d < e->ninodes; d++) {
		if (d % 8 == 0) { /* the next 8 bits of the inode bitmap */
			struct buf *b =
			    efs_bread(e, e->inode_bitmap_start + d / EFS_BITS_PER_BLOCK);
			if (b == NULL)
				return -EIO;
			used = b->data[d % EFS_BITS_PER_BLOCK / 8];
			brelse(b);
		}
		struct efs_dinode dir;
		if (!(used & (1 << (d % 8))))
			continue;
		int err = efs_read_dinode(e, d, &dir);
		if (err != 0)
			return err;
		if (dir.type != EFS_TYPE_DIR)
			continue;
		long k;
		for (uint32_t i = 0; i < dir.size / DIRENT_SIZE; i += k) {
			if ((k = dir_chunk(e, &dir, i, ents)) < 0)
				return k;
			for (long j = 0; j < k; j++)
				fn(arg, d, ents[j].ino);
		}
	}
	return 0;
}

struct count {
	uint32_t ino, n, where;
};

static void count_one(void *arg, uint32_t dir, uint32_t ino)
{
	struct count *c = arg;
	if (ino == c->ino) {
		c->n++;
		c->where = dir;
	}
}

/* Entries naming `ino` in every directory, or -EIO; *where (if not NULL)
   gets the directory holding the last one found. */
static long count_names(struct efs *e, uint32_t ino, uint32_t *where)
{
	struct count c = {ino, 0, 0};
	int err = each_name(e, count_one, &c);
	if (err != 0)
		return err;
	if (where != NULL)
		*where = c.where;
	return c.n;
}

/* LAB 6 linkat: BEGIN */
static bool bit(const uint8_t *map, uint32_t n)
{
	return (map[n / 8] >> (n % 8)) & 1;
}

static void set_bit(uint8_t *map, uint32_t n, bool on)
{
	if (on)
		map[n / 8] |= (uint8_t)(1 << (n % 8));
	else
		map[n / 8] &= (uint8_t) ~(1 << (n % 8));
}

static uint8_t seen[EFS_LINK_BITS / 8]; /* learn_links: named once so far */

static void learn_one(void *arg, uint32_t dir, uint32_t ino)
{
	struct efs *e = arg;
	(void)dir;
	if (ino >= EFS_LINK_BITS)
		return;
	if (bit(seen, ino))
		set_bit(e->multi, ino, true);
	set_bit(seen, ino, true);
}

/* Find the files with more than one name, once (e->links_known). */
static void learn_links(struct efs *e)
{
	if (e->links_known || e->ninodes > EFS_LINK_BITS)
		return;
	memset(seen, 0, sizeof(seen));
	memset(e->multi, 0, sizeof(e->multi));
	e->links_known = each_name(e, learn_one, e) == 0;
}

/* May `ino` (a file) have more than one name? */
static bool maybe_more_names(struct efs *e, uint32_t ino)
{
	learn_links(e);
	return !e->links_known || bit(e->multi, ino);
}
/* LAB 6 linkat: END */

/* Inode `ino` is being freed: it has no name, nor an index. */
void efs_forget_names(struct efs *e, uint32_t ino)
{
	/* LAB 6 linkat: BEGIN */
	if (e->links_known && ino < EFS_LINK_BITS)
		set_bit(e->multi, ino, false);
	/* LAB 6 linkat: END */
	dc_forget(&e->fs, ino);
}

/* ---- helpers of the ops ---- */

/* A name that may be added to a directory: 0 or -errno. */
static int new_name_ok(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EEXIST;
	if (len > EFS_NAME_MAX)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/')
			return -EINVAL;
	return 0;
}

static enum inode_type vfs_type(const struct efs_dinode *di)
{
	return di->type == EFS_TYPE_DIR ? INODE_DIR : INODE_FILE;
}

/* A new reference to inode `ino`, checked; NULL with *err. */
static struct inode *get_inode(struct efs *e, uint32_t ino, int *err)
{
	struct efs_dinode di;
	if ((*err = efs_check_allocated(e, ino)) != 0 || (*err = efs_read_dinode(e, ino, &di)) != 0)
		return NULL;
	struct inode *ip = iget(&e->fs, ino, vfs_type(&di), 0);
	if (ip == NULL)
		*err = -ENFILE;
	return ip;
}

/* ---- the ops ---- */

struct inode *efs_lookup(struct inode *dir, const char *name, int *err)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode di;
	uint32_t ino;
	if (dir->type != INODE_DIR) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (strcmp(name, ".") == 0 || (strcmp(name, "..") == 0 && dir->ino == EFS_ROOT_INO))
		return idup(dir);
	if (strcmp(name, "..") == 0) {
		uint32_t parent = 0;
		long n = count_names(e, dir->ino, &parent);
		if (n <= 0) {
			*err = n < 0 ? (int)n : -ENOENT; /* 0: a removed directory */
			return NULL;
		}
		return get_inode(e, parent, err);
	}
	if (strlen(name) > EFS_NAME_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	if ((*err = efs_read_dinode(e, dir->ino, &di)) != 0)
		return NULL;
	long i = dir_find(e, dir->ino, &di, name, &ino);
	if (i < 0) {
		*err = i;
		return NULL;
	}
	return get_inode(e, ino, err);
}

static struct inode *create(struct inode *dir, const char *name, enum inode_type type, int *err)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode parent, di;
	uint32_t other;
	if (dir->type != INODE_DIR) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (dir->fs_priv & EFS_ORPHAN) {
		*err = -ENOENT;
		return NULL;
	}
	if ((*err = new_name_ok(name)) != 0 || (*err = efs_read_dinode(e, dir->ino, &parent)) != 0)
		return NULL;
	long found = dir_find(e, dir->ino, &parent, name, &other);
	if (found != -ENOENT) {
		*err = found >= 0 ? -EEXIST : (int)found;
		return NULL;
	}
	long ino = efs_bitmap_alloc(e, e->inode_bitmap_start, e->ninodes, &e->inode_hint, NULL);
	if (ino < 0) {
		*err = ino;
		return NULL;
	}
	/* Its in-memory inode before anything is written: a full inode table
	   leaves the disk as it was. */
	struct inode *ip = iget(&e->fs, ino, type, 0);
	if (ip == NULL) {
		efs_bitmap_free(e, e->inode_bitmap_start, ino, &e->inode_hint);
		*err = -ENFILE;
		return NULL;
	}
	memset(&di, 0, sizeof(di));
	di.type = type == INODE_DIR ? EFS_TYPE_DIR : EFS_TYPE_FILE;
	*err = efs_write_dinode(e, ino, &di);
	if (*err == 0)
		*err = dir_append(e, dir->ino, &parent, name, ino);
	if (*err != 0) {
		ip->fs_priv |= EFS_ORPHAN; /* freed by the iput */
		iput(ip);
		return NULL;
	}
	return ip;
}

static int link(struct inode *dir, const char *name, struct inode *target)
{
	/* LAB 6 linkat: BEGIN */
	struct efs *e = efs_of(dir);
	struct efs_dinode parent;
	uint32_t other;
	int err;
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (target->fs != dir->fs)
		return -EXDEV;
	if (target->type == INODE_DIR)
		return -EISDIR;
	if ((dir->fs_priv & EFS_ORPHAN) || (target->fs_priv & EFS_ORPHAN))
		return -ENOENT;
	if ((err = new_name_ok(name)) != 0 || (err = efs_read_dinode(e, dir->ino, &parent)) != 0)
		return err;
	long found = dir_find(e, dir->ino, &parent, name, &other);
	if (found != -ENOENT)
		return found >= 0 ? -EEXIST : (int)found;
	learn_links(e); /* before: the scan must not see the new name alone */
	if ((err = dir_append(e, dir->ino, &parent, name, target->ino)) != 0)
		return err;
	if (e->links_known && target->ino < EFS_LINK_BITS)
		set_bit(e->multi, target->ino, true);
	return 0;
	/* LAB 6 linkat: STUB
	(void)dir, (void)name, (void)target;
	return -EPERM;
	   LAB 6 linkat: END */
}

/* Unlinking the last name of a large file that no one has open cuts it
   first, in steps (each a log op), to what one op can free: the name goes
   with the last blocks, in one op, so a crash leaves the file named (and
   maybe cut), never a nameless file holding blocks. */
static int cut_first(struct efs *e, uint32_t ino, struct efs_dinode *di)
{
	struct inode *ip = iget(&e->fs, ino, INODE_FILE, 0);
	int err = 0;
	if (ip == NULL)
		return 0; /* freed at once below, in one op */
	if (ip->refs == 1)
		err = efs_cut_most(e, ino, di, 0);
	iput(ip);
	return err;
}

static int unlink(struct inode *dir, const char *name)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode parent, di;
	uint32_t ino;
	int err;
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EINVAL;
	if (strlen(name) > EFS_NAME_MAX)
		return -ENAMETOOLONG;
	if ((err = efs_read_dinode(e, dir->ino, &parent)) != 0)
		return err;
	long i = dir_find(e, dir->ino, &parent, name, &ino);
	if (i < 0)
		return i;
	if ((err = efs_check_allocated(e, ino)) != 0 || (err = efs_read_dinode(e, ino, &di)) != 0)
		return err;
	if (di.type == EFS_TYPE_DIR && di.size != 0)
		return -ENOTEMPTY;
	/* LAB 6 unlinkat: BEGIN */
	/* Asked before the name goes: learning the links after would see
	   one name left of two as a file with one name. */
	bool more = di.type == EFS_TYPE_FILE && maybe_more_names(e, ino);
	/* LAB 6 unlinkat: STUB
	bool more = false;
	   LAB 6 unlinkat: END */
	if (!more && di.type == EFS_TYPE_FILE && (err = cut_first(e, ino, &di)) != 0)
		return err;
	if ((err = dir_remove(e, dir->ino, &parent, i, name)) != 0)
		return err;
	/* LAB 6 unlinkat: BEGIN */
	if (more) {
		long n = count_names(e, ino, NULL);
		if (n < 0)
			return n; /* the file stays: better lost space than a freed file in use */
		if (n == 1 && e->links_known && ino < EFS_LINK_BITS)
			set_bit(e->multi, ino, false);
		if (n > 0)
			return 0;
	}
	/* LAB 6 unlinkat: END */
	/* The last name went: free it now, or at the last iput if it is open. */
	struct inode *ip = iget(&e->fs, ino, vfs_type(&di), 0);
	if (ip == NULL) {
		efs_free_inode(e, ino);
		return 0;
	}
	ip->fs_priv |= EFS_ORPHAN;
	iput(ip);
	return 0;
}

/* The ops that write, each one log op (easyfs_log.c). */
struct inode *efs_create(struct inode *dir, const char *name, enum inode_type type, int *err)
{
	efs_begin_op(efs_of(dir));
	struct inode *ip = create(dir, name, type, err);
	efs_end_op(efs_of(dir));
	return ip;
}

int efs_link(struct inode *dir, const char *name, struct inode *target)
{
	efs_begin_op(efs_of(dir));
	int err = link(dir, name, target);
	efs_end_op(efs_of(dir));
	return err;
}

int efs_unlink(struct inode *dir, const char *name)
{
	efs_begin_op(efs_of(dir));
	int err = unlink(dir, name);
	efs_end_op(efs_of(dir));
	return err;
}

void efs_stat(struct inode *ip, uint64_t *size, uint32_t *nlink)
{
	struct efs *e = efs_of(ip);
	struct efs_dinode di;
	*size = 0;
	*nlink = 0;
	if (efs_read_dinode(e, ip->ino, &di) != 0)
		return;
	*size = di.size;
	if (ip->fs_priv & EFS_ORPHAN)
		return;
	if (di.type == EFS_TYPE_FILE) {
		/* LAB 6 fstat: BEGIN */
		long n = maybe_more_names(e, ip->ino) ? count_names(e, ip->ino, NULL) : 1;
		*nlink = n > 0 ? n : 0;
		/* LAB 6 fstat: END */
		return;
	}
	/* A directory: its name, ".", and the ".." of each subdirectory. */
	struct efs_dirent ents[DIRENTS_PER_BLOCK];
	struct efs_dinode child;
	long k;
	*nlink = 2;
	for (uint32_t i = 0; i < di.size / DIRENT_SIZE; i += k) {
		if ((k = dir_chunk(e, &di, i, ents)) < 0)
			return;
		for (long j = 0; j < k; j++)
			if (efs_read_dinode(e, ents[j].ino, &child) == 0 &&
			    child.type == EFS_TYPE_DIR)
				(*nlink)++;
	}
}

/* An entry is consumed (and *pos advanced past it) only when fn returns
   0; when fn returns non-zero the same entry comes first next time, and
   an error from fn is handed back. */
int efs_readdir(struct inode *dir, uint64_t *pos, dir_fn fn, void *arg)
{
	struct efs *e = efs_of(dir);
	struct efs_dinode di, child;
	int err;
	if (dir->type != INODE_DIR)
		return -ENOTDIR;
	if ((err = efs_read_dinode(e, dir->ino, &di)) != 0)
		return err;
	for (; *pos < di.size / DIRENT_SIZE; ++*pos) {
		struct efs_dirent de;
		if ((err = dir_entry(e, &di, *pos, &de)) != 0)
			return err;
		if ((err = efs_check_allocated(e, de.ino)) != 0 ||
		    (err = efs_read_dinode(e, de.ino, &child)) != 0)
			return err;
		int r = fn(arg, de.name, de.ino, vfs_type(&child));
		if (r != 0)
			return r < 0 ? r : 0;
	}
	return 0;
}
