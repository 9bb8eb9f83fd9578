/*
 * program.c - programs come from the file system (chapter 6+): app_find()
 * reads the whole file named by a path into contiguous frames, where the
 * ELF loader takes it from (holding the file system lock, fslock.c);
 * app_put() frees them again.
 */
#include "task/task.h"

#define MAX_PROGRAM (4UL << 20) /* bigger files are not loaded */

static const struct app *load(const char *path)
{
	int err;
	struct proc *p = current_proc();
	struct inode *ip = namei(p != NULL ? p->cwd_path : NULL, path, &err);
	if (ip == NULL)
		return NULL;
	uint64_t size;
	uint32_t nlink;
	ip->fs->ops->stat(ip, &size, &nlink);
	if (ip->type != INODE_FILE || size == 0 || size > MAX_PROGRAM) {
		iput(ip);
		return NULL;
	}
	size_t pages =
	    ROUND_UP(size + sizeof(struct app) + PATH_MAX, HAL_PAGE_SIZE) / HAL_PAGE_SIZE;
	uint64_t pa = frame_alloc_contig(pages);
	if (pa == 0) {
		iput(ip);
		return NULL;
	}
	/* The frames hold: struct app, the name, then the file's bytes. */
	struct app *a = hal_phys_to_virt(pa);
	char *name = (char *)(a + 1);
	uint8_t *data = (uint8_t *)name + PATH_MAX;
	const char *base = path;
	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1] != '\0')
			base = p + 1;
	strncpy_safe(name, base, PATH_MAX);
	a->name = name;
	a->start = data;
	a->end = data + size;
	long n = ip->fs->ops->read(ip, 0, data, size);
	iput(ip);
	if (n != (long)size) {
		app_put(a);
		return NULL;
	}
	return a;
}

const struct app *app_find(const char *path)
{
	fs_lock();
	const struct app *a = load(path);
	fs_unlock();
	return a;
}

void app_put(const struct app *a)
{
	if (a == NULL)
		return;
	uint64_t pa = hal_virt_to_phys(a);
	uint64_t size = a->end - (const uint8_t *)a;
	for (uint64_t off = 0; off < ROUND_UP(size, HAL_PAGE_SIZE); off += HAL_PAGE_SIZE)
		frame_free(pa + off);
}
