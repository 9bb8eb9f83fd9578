/*
 * fat32_dir.c - the directory operations of the FAT32 fs_ops: the root,
 * lookup (with ".." found through the grandparent), create, link (FAT has
 * none), unlink (a file in use becomes an orphan) and readdir.
 */
#include "fs/fat32_internal.h"

/* The first cluster of a directory inode (0 for a removed one). */
static int dir_first(struct inode *ip, uint32_t *first)
{
	uint32_t size;
	if (ip->type != INODE_DIR)
		return -ENOTDIR;
	return fat_node_get(ip, first, &size);
}

static struct inode *entry_inode(struct fat32 *f, struct entry *e, int *err)
{
	enum inode_type type = (e->de.attr & ATTR_DIRECTORY) ? INODE_DIR : INODE_FILE;
	struct inode *ip = iget(&f->fs, e->ino, type, 0);
	if (ip == NULL)
		*err = -ENFILE;
	return ip;
}

struct inode *fat_root(struct fs *fs)
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
	r = fat_dotdot(f, first, &parent);
	if (r == 0 && parent == f->root_clus) {
		struct inode *ip = fat_root(&f->fs);
		if (ip == NULL)
			*err = -ENFILE;
		return ip;
	}
	if (r == 0)
		r = fat_dotdot(f, parent, &grand);
	if (r != 0) {
		*err = r;
		return NULL;
	}
	fat_iter_init(&it, f, grand, 0);
	while ((r = fat_dir_next(&it, &e)) == 1)
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

struct inode *fat_lookup(struct inode *dir, const char *name, int *err)
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
		r = fat_dir_find(f, first, name, &e);
	if (r == 1)
		return entry_inode(f, &e, err);
	*err = r == 0 ? -ENOENT : r;
	return NULL;
}

struct inode *fat_create(struct inode *dir, const char *name, enum inode_type type, int *err)
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
	if (r == 0 && !inode_room())
		r = -ENFILE; /* before anything is written */
	if (r == 0)
		r = fat_new_name(f, first, name, u, &n, n11, &ntres, &count);
	if (r == 0)
		r = fat_dir_find_free(f, first, count, &start, &past_end);
	if (r == 0 && type == INODE_DIR)
		r = fat_new_dir_cluster(f, dir->ino == ROOT_INO ? 0 : first, &clus);
	if (r == 0) {
		fat_dirent_init(&de, n11, type == INODE_DIR ? ATTR_DIRECTORY : ATTR_ARCHIVE, ntres,
				clus);
		r = fat_write_entries(f, first, start, count, u, n, &de, past_end, &ino);
		if (r == 0)
			fat_index_added(f, first, name, n11, start, count);
		else
			dc_forget(&f->fs, first);
		if (r != 0 && clus != 0)
			fat_free_chain(f, clus);
	}
	fat_fsinfo_flush(f);
	if (r != 0) {
		*err = r;
		return NULL;
	}
	struct inode *ip = iget(&f->fs, ino, type, 0);
	if (ip == NULL)
		*err = -ENFILE;
	return ip;
}

int fat_link(struct inode *dir, const char *name, struct inode *target)
{
	(void)dir;
	(void)name;
	(void)target;
	return -EPERM; /* FAT has no hard links */
}

int fat_unlink(struct inode *dir, const char *name)
{
	struct fat32 *f = fat_of(dir);
	struct entry e;
	uint32_t first;
	int r = dir_first(dir, &first);
	if (r != 0)
		return r;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EINVAL;
	r = fat_dir_find(f, first, name, &e);
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
		r = fat_dir_empty(f, clus);
		if (r <= 0)
			return r == 0 ? -ENOTEMPTY : r;
	}
	/* Its inode, to see whether it is in use. */
	struct inode *ip = iget(&f->fs, e.ino, is_dir ? INODE_DIR : INODE_FILE, 0);
	bool in_use = ip != NULL && ip->refs > 1;
	r = fat_delete_slots(f, first, e.first_slot, e.next_slot);
	if (r == 0)
		fat_index_removed(f, first, &e);
	else
		dc_forget(&f->fs, first);
	if (is_dir)
		fat_forget_dir(f, clus);
	if (r == 0 && in_use) {
		/* An orphan: the slot is free now, the clusters go at release. */
		ip->ino = ORPHAN_INO | ++f->orphans;
		ip->fs_priv = is_dir ? 0 : (uint64_t)e.de.size << 32 | clus;
		if (is_dir)
			r = fat_free_chain(f, clus);
	} else if (r == 0 && clus != 0) {
		r = fat_free_chain(f, clus);
	}
	iput(ip);
	fat_fsinfo_flush(f);
	return r;
}

/* Entries from slot *pos on. When fn returns non-zero, *pos stays on the
   entry it refused (it comes again next time), and an error from fn is
   handed back. "." and ".." are left out. */
int fat_readdir(struct inode *dir, uint64_t *pos, dir_fn fn, void *arg)
{
	struct dir_iter it;
	struct entry e;
	uint32_t first;
	int r = dir_first(dir, &first);
	if (r != 0 || *pos >= DIR_MAX_SLOTS)
		return r;
	fat_iter_init(&it, fat_of(dir), first, (uint32_t)*pos);
	while ((r = fat_dir_next(&it, &e)) == 1) {
		enum inode_type type = (e.de.attr & ATTR_DIRECTORY) ? INODE_DIR : INODE_FILE;
		int stop = e.dot == 0 ? fn(arg, e.name, e.ino, type) : 0;
		if (stop != 0) {
			*pos = e.first_slot;
			return stop < 0 ? stop : 0;
		}
		*pos = e.next_slot;
	}
	if (r == 0)
		*pos = it.slot;
	return r;
}
