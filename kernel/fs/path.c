/*
 * path.c - from a path name to an inode, asking the file system at each
 * step: split at '/', look each name up in turn, starting at the root
 * ("/...") or at the working directory (kept as an absolute path).
 *
 * The rules (Linux's, without symbolic links):
 *  - every name before the last must be a directory (else -ENOTDIR), and
 *    must exist (else -ENOENT), also before a ".." ("file/.." and
 *    "missing/.." fail, they are not cut away as strings);
 *  - ".." goes to the parent directory; as TeachOS has neither symbolic
 *    links nor hard links to directories, the parent of a directory
 *    reached by the absolute path P is the one reached by P without its
 *    last name, so the walk keeps that path and walks it again from the
 *    root (a few lookups, never a scan of the file system for a parent);
 *  - a path ending in '/' (or in "/." or "/..") names a directory: a file
 *    there fails with -ENOTDIR.
 * namei_parent() stops before the last name and hands it back as it is,
 * "." and ".." included (a path "/" gives the root and "."), with a flag
 * saying whether a '/' followed it: each system call decides what those
 * mean (sys_fs.c).
 */
#include "fs/vfs.h"

/* Copy the next name of `path` into `name`; return the rest, or NULL at
   the end. *err = -ENAMETOOLONG for a name longer than NAME_MAX. */
static const char *next_name(const char *path, char *name, int *err)
{
	while (*path == '/')
		path++;
	if (*path == '\0')
		return NULL;
	int n = 0;
	while (*path != '/' && *path != '\0') {
		if (n == NAME_MAX) {
			*err = -ENAMETOOLONG;
			return NULL;
		}
		name[n++] = *path++;
	}
	name[n] = '\0';
	return path;
}

/* Is `rest` (what follows a name) empty but for slashes? */
static bool at_end(const char *rest)
{
	while (*rest == '/')
		rest++;
	return *rest == '\0';
}

static bool is_dot(const char *name)
{
	return strcmp(name, ".") == 0;
}

static bool is_dotdot(const char *name)
{
	return strcmp(name, "..") == 0;
}

/* The walk so far: the directory reached and the absolute path to it. */
struct walk {
	struct inode *ip;
	char path[PATH_MAX]; /* "" for the root */
	size_t len;
};

/* One step down into `name` (not "." or ".."); ip must be a directory. */
static int step_down(struct walk *w, const char *name)
{
	int err;
	size_t n = strlen(name);
	if (w->len + 1 + n + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	struct inode *next = w->ip->fs->ops->lookup(w->ip, name, &err);
	if (next == NULL)
		return err;
	iput(w->ip);
	w->ip = next;
	w->path[w->len++] = '/';
	memcpy(w->path + w->len, name, n + 1);
	w->len += n;
	return 0;
}

/* Start at the root and walk down the absolute path `abs`, which holds no
   "." or ".." (a path kept by a walk, or the working directory). */
static int walk_from_root(struct walk *w, const char *abs)
{
	char name[NAME_MAX + 1];
	int err = 0;
	w->ip = vfs_root();
	w->len = 0;
	w->path[0] = '\0';
	if (w->ip == NULL)
		return -ENFILE; /* no root mounted, or the inode table is full */
	const char *rest = abs;
	while ((rest = next_name(rest, name, &err)) != NULL) {
		if (w->ip->type != INODE_DIR)
			err = -ENOTDIR;
		else if (is_dot(name) || is_dotdot(name))
			err = -EINVAL; /* not a path a walk kept */
		else
			err = step_down(w, name);
		if (err != 0)
			break;
	}
	if (err != 0) {
		iput(w->ip);
		w->ip = NULL;
	}
	return err;
}

/* One name of a path: ".", "..", or a name to look up. */
static int step(struct walk *w, const char *name)
{
	if (w->ip->type != INODE_DIR)
		return -ENOTDIR;
	if (is_dot(name))
		return 0;
	if (!is_dotdot(name))
		return step_down(w, name);
	/* "..": the path without its last name, walked again from the root. */
	char up[PATH_MAX];
	size_t n = w->len;
	while (n > 0 && w->path[n - 1] != '/')
		n--;
	if (n > 0)
		n--;
	memcpy(up, w->path, n);
	up[n] = '\0';
	iput(w->ip);
	return walk_from_root(w, up);
}

/* Walk `path` from `cwd`; with `parent`, stop before the last name and
   copy it into `last`, *slash telling whether a '/' followed it. */
static int walk(struct walk *w, const char *cwd, const char *path, bool parent, char *last,
		bool *slash)
{
	char name[NAME_MAX + 1];
	int err = walk_from_root(w, path[0] == '/' || cwd == NULL ? "" : cwd);
	if (err != 0)
		return err;
	const char *rest = path;
	bool dir_only = false; /* the path ends in '/', "." or ".." */
	while ((rest = next_name(rest, name, &err)) != NULL) {
		bool end = at_end(rest);
		if (end && parent) {
			if (w->ip->type != INODE_DIR) {
				err = -ENOTDIR;
				break;
			}
			memcpy(last, name, strlen(name) + 1);
			*slash = *rest == '/';
			return 0;
		}
		if ((err = step(w, name)) != 0)
			break;
		if (end)
			dir_only = *rest == '/' || is_dot(name) || is_dotdot(name);
	}
	if (err == 0 && parent) { /* no name at all: "/" is the root's "." */
		memcpy(last, ".", 2);
		*slash = true;
		return 0;
	}
	if (err == 0 && dir_only && w->ip->type != INODE_DIR)
		err = -ENOTDIR;
	if (err != 0 && w->ip != NULL) {
		iput(w->ip);
		w->ip = NULL;
	}
	return err;
}

struct inode *namei(const char *cwd, const char *path, int *err)
{
	struct walk w;
	if (path[0] == '\0') {
		*err = -ENOENT;
		return NULL;
	}
	*err = walk(&w, cwd, path, false, NULL, NULL);
	return *err == 0 ? w.ip : NULL;
}

struct inode *namei_path(const char *cwd, const char *path, char *abs, int *err)
{
	struct walk w;
	if (path[0] == '\0') {
		*err = -ENOENT;
		return NULL;
	}
	*err = walk(&w, cwd, path, false, NULL, NULL);
	if (*err != 0)
		return NULL;
	memcpy(abs, w.len == 0 ? "/" : w.path, (w.len == 0 ? 1 : w.len) + 1);
	return w.ip;
}

struct inode *namei_parent(const char *cwd, const char *path, char *name, bool *slash, int *err)
{
	struct walk w;
	if (path[0] == '\0') {
		*err = -ENOENT;
		return NULL;
	}
	*err = walk(&w, cwd, path, true, name, slash);
	return *err == 0 ? w.ip : NULL;
}
