/*
 * path.c - from a path name to an inode: split at '/', look each name up
 * in turn, starting at the root ("/...") or at the working directory.
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

/* Walk `path`; stop before the last name if `parent` (copying it). */
static struct inode *walk(struct inode *cwd, const char *path, bool parent, char *last, int *err)
{
	char name[NAME_MAX + 1];
	struct inode *ip = (path[0] == '/' || cwd == NULL) ? vfs_root() : idup(cwd);
	if (ip == NULL) {
		*err = -ENOENT;
		return NULL;
	}
	*err = 0;
	const char *rest = path;
	while ((rest = next_name(rest, name, err)) != NULL) {
		if (ip->type != INODE_DIR) {
			iput(ip);
			*err = -ENOTDIR;
			return NULL;
		}
		if (parent) {
			const char *p = rest;
			while (*p == '/')
				p++;
			if (*p == '\0') { /* `name` is the last one */
				memcpy(last, name, strlen(name) + 1);
				return ip;
			}
		}
		struct inode *next = ip->fs->ops->lookup(ip, name, err);
		iput(ip);
		if (next == NULL)
			return NULL;
		ip = next;
	}
	if (*err != 0 || parent) { /* a bad name, or no last name ("/") */
		iput(ip);
		if (*err == 0)
			*err = -EINVAL;
		return NULL;
	}
	return ip;
}

struct inode *namei(struct inode *cwd, const char *path, int *err)
{
	if (path[0] == '\0') {
		*err = -ENOENT;
		return NULL;
	}
	return walk(cwd, path, false, NULL, err);
}

struct inode *namei_parent(struct inode *cwd, const char *path, char *name, int *err)
{
	return walk(cwd, path, true, name, err);
}

int path_resolve(const char *cwd, const char *path, char *out)
{
	char name[NAME_MAX + 1];
	int err = 0;
	size_t len = 0;
	out[0] = '\0';
	for (int pass = path[0] == '/' ? 1 : 0; pass < 2; pass++) {
		const char *rest = pass == 0 ? cwd : path;
		while ((rest = next_name(rest, name, &err)) != NULL) {
			if (strcmp(name, ".") == 0)
				continue;
			if (strcmp(name, "..") == 0) { /* drop the last name */
				while (len > 0 && out[len - 1] != '/')
					len--;
				if (len > 0)
					len--;
				out[len] = '\0';
				continue;
			}
			size_t n = strlen(name);
			if (len + 1 + n + 1 > PATH_MAX)
				return -ENAMETOOLONG;
			out[len++] = '/';
			memcpy(out + len, name, n + 1);
			len += n;
		}
		if (err != 0)
			return err;
	}
	if (len == 0) {
		out[0] = '/';
		out[1] = '\0';
	}
	return 0;
}
