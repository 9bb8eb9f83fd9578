/*
 * efs_image.c - an easy-fs image in memory: load, save, format, and the
 * checked accessors the host tools share.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "efs_image.h"

int image_load(struct image *im, const char *path)
{
	memset(im, 0, sizeof(*im));
	im->path = path;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0) {
		fprintf(stderr, "%s: cannot seek: %s\n", path, strerror(errno));
		fclose(f);
		return -1;
	}
	long size = ftell(f);
	rewind(f);
	im->nblocks = size > 0 ? (uint64_t)size / EFS_BSIZE : 0;
	im->data = calloc(im->nblocks ? im->nblocks : 1, EFS_BSIZE);
	if (im->data == NULL || fread(im->data, EFS_BSIZE, im->nblocks, f) != im->nblocks) {
		fprintf(stderr, "%s: cannot read the image\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

int image_save(struct image *im)
{
	FILE *f = fopen(im->path, "wb");
	if (f == NULL) {
		fprintf(stderr, "%s: %s\n", im->path, strerror(errno));
		return -1;
	}
	if (fwrite(im->data, EFS_BSIZE, im->nblocks, f) != im->nblocks || fclose(f) != 0) {
		fprintf(stderr, "%s: cannot write the image: %s\n", im->path, strerror(errno));
		return -1;
	}
	return 0;
}

static void set_layout(struct image *im)
{
	const struct efs_super *sb = &im->sb;
	im->inode_bitmap_start = 1;
	im->inode_start = 1 + sb->inode_bitmap_blocks;
	im->data_bitmap_start = im->inode_start + sb->inode_area_blocks;
	im->data_start = im->data_bitmap_start + sb->data_bitmap_blocks;
	uint64_t n = (uint64_t)sb->inode_bitmap_blocks * EFS_BITS_PER_BLOCK;
	if (n > (uint64_t)sb->inode_area_blocks * EFS_INODES_PER_BLOCK)
		n = (uint64_t)sb->inode_area_blocks * EFS_INODES_PER_BLOCK;
	im->ninodes = n;
}

const char *image_check_super(struct image *im)
{
	static char why[200];
	if (im->nblocks < 1)
		return "the image is smaller than one block";
	memcpy(&im->sb, im->data, sizeof(im->sb));
	const struct efs_super *sb = &im->sb;
	uint64_t sum = 1 + (uint64_t)sb->inode_bitmap_blocks + sb->inode_area_blocks +
		       sb->data_bitmap_blocks + sb->data_area_blocks;
	if (sb->magic != EFS_MAGIC) {
		snprintf(why, sizeof(why), "bad magic %#x (easy-fs has %#x)", sb->magic, EFS_MAGIC);
		return why;
	}
	if (sb->total_blocks > im->nblocks) {
		snprintf(why, sizeof(why), "the super block says %u blocks, the image has %llu",
			 sb->total_blocks, (unsigned long long)im->nblocks);
		return why;
	}
	if (sb->inode_bitmap_blocks == 0 || sb->inode_area_blocks == 0 ||
	    sb->data_bitmap_blocks == 0 || sb->data_area_blocks == 0)
		return "an area in the super block is empty";
	if (sum != sb->total_blocks) {
		snprintf(why, sizeof(why),
			 "the areas (1 + %u + %u + %u + %u) do not add up to %u blocks",
			 sb->inode_bitmap_blocks, sb->inode_area_blocks, sb->data_bitmap_blocks,
			 sb->data_area_blocks, sb->total_blocks);
		return why;
	}
	if ((uint64_t)sb->data_bitmap_blocks * EFS_BITS_PER_BLOCK < sb->data_area_blocks)
		return "the data bitmap is too small for the data area";
	set_layout(im);
	return image_check_log(im);
}

int image_format(struct image *im, const char *path, uint64_t nblocks, bool log)
{
	uint64_t image_blocks = nblocks;
	memset(im, 0, sizeof(*im));
	im->path = path;
	if (log)
		nblocks = nblocks > EFS_LOG_BLOCKS ? nblocks - EFS_LOG_BLOCKS : 0;
	/* rCore's EasyFileSystem::create(dev, total, 1). */
	uint32_t ibb = 1;
	uint32_t iab =
	    (ibb * EFS_BITS_PER_BLOCK * sizeof(struct efs_dinode) + EFS_BSIZE - 1) / EFS_BSIZE;
	if (nblocks > UINT32_MAX || nblocks < 1 + ibb + iab + 2) {
		fprintf(stderr, "%s: %llu blocks is not a size easy-fs can have\n", path,
			(unsigned long long)nblocks);
		return -1;
	}
	uint32_t data_total = nblocks - 1 - ibb - iab;
	uint32_t dbb = (data_total + EFS_BITS_PER_BLOCK) / (EFS_BITS_PER_BLOCK + 1);
	im->nblocks = image_blocks;
	im->data = calloc(image_blocks, EFS_BSIZE);
	if (im->data == NULL) {
		fprintf(stderr, "%s: out of memory\n", path);
		return -1;
	}
	struct efs_super sb = {EFS_MAGIC, nblocks, ibb, iab, dbb, data_total - dbb};
	memcpy(im->data, &sb, sizeof(sb));
	im->sb = sb;
	if (log) {
		struct efs_log_super ls = {EFS_LOG_MAGIC, sb.total_blocks, EFS_LOG_BLOCKS};
		memcpy(im->data + sizeof(sb), &ls, sizeof(ls));
		im->log_start = ls.start;
	}
	set_layout(im);
	if (image_new_inode(im, EFS_TYPE_DIR) != EFS_ROOT_INO)
		return -1;
	return 0;
}

uint8_t *image_block(struct image *im, uint32_t block)
{
	return im->data + (uint64_t)block * EFS_BSIZE;
}

bool bit_get(struct image *im, uint32_t start, uint32_t n)
{
	return (image_block(im, start)[n / 8] >> (n % 8)) & 1;
}

void bit_put(struct image *im, uint32_t start, uint32_t n, bool on)
{
	uint8_t *byte = &image_block(im, start)[n / 8];
	if (on)
		*byte |= 1 << (n % 8);
	else
		*byte &= ~(1 << (n % 8));
}

bool is_data_block(struct image *im, uint32_t block)
{
	return block >= im->data_start && block < im->sb.total_blocks;
}

struct efs_dinode *image_inode(struct image *im, uint32_t ino)
{
	if (ino >= im->ninodes) {
		fprintf(stderr, "%s: bad inode number %u\n", im->path, ino);
		return NULL;
	}
	struct efs_dinode *di =
	    (struct efs_dinode *)(image_block(im, im->inode_start + ino / EFS_INODES_PER_BLOCK) +
				  ino % EFS_INODES_PER_BLOCK * sizeof(struct efs_dinode));
	if ((di->type != EFS_TYPE_FILE && di->type != EFS_TYPE_DIR) || di->size > EFS_MAX_SIZE ||
	    (di->type == EFS_TYPE_DIR && di->size % sizeof(struct efs_dirent) != 0)) {
		fprintf(stderr, "%s: inode %u is broken (type %u, size %u)\n", im->path, ino,
			di->type, di->size);
		return NULL;
	}
	return di;
}

static uint32_t index_get(struct image *im, uint32_t block, uint32_t i)
{
	uint32_t v;
	if (!is_data_block(im, block))
		return 0;
	memcpy(&v, image_block(im, block) + i * 4, 4);
	return is_data_block(im, v) ? v : 0;
}

uint32_t image_bmap(struct image *im, const struct efs_dinode *di, uint32_t i)
{
	if (i < EFS_NDIRECT)
		return is_data_block(im, di->direct[i]) ? di->direct[i] : 0;
	if (i < EFS_INDIRECT1_END)
		return index_get(im, di->indirect1, i - EFS_NDIRECT);
	if (i >= EFS_MAX_BLOCKS)
		return 0;
	i -= EFS_INDIRECT1_END;
	uint32_t mid = index_get(im, di->indirect2, i / EFS_NINDIRECT);
	return mid ? index_get(im, mid, i % EFS_NINDIRECT) : 0;
}

long image_read(struct image *im, const struct efs_dinode *di, uint64_t off, void *buf, uint64_t n)
{
	if (off >= di->size)
		return 0;
	if (n > di->size - off)
		n = di->size - off;
	for (uint64_t done = 0; done < n;) {
		uint32_t block = image_bmap(im, di, (off + done) / EFS_BSIZE);
		if (block == 0)
			return -1;
		uint64_t at = (off + done) % EFS_BSIZE;
		uint64_t len = EFS_BSIZE - at < n - done ? EFS_BSIZE - at : n - done;
		memcpy((char *)buf + done, image_block(im, block) + at, len);
		done += len;
	}
	return n;
}

/* The lowest free bit of a bitmap at or above *hint, set; -1 if none. */
static long bit_alloc(struct image *im, uint32_t start, uint32_t nbits, uint32_t *hint)
{
	for (uint32_t n = *hint; n < nbits; n++) {
		if (!bit_get(im, start, n)) {
			bit_put(im, start, n, true);
			*hint = n + 1;
			return n;
		}
	}
	return -1;
}

static uint32_t alloc_block(struct image *im)
{
	long bit = bit_alloc(im, im->data_bitmap_start, im->sb.data_area_blocks, &im->data_hint);
	if (bit < 0)
		return 0;
	uint32_t block = im->data_start + bit;
	memset(image_block(im, block), 0, EFS_BSIZE);
	return block;
}

static void index_set(struct image *im, uint32_t block, uint32_t i, uint32_t v)
{
	memcpy(image_block(im, block) + i * 4, &v, 4);
}

/* Give an inode data block number `i` (its next one); false if full. */
static bool add_block(struct image *im, struct efs_dinode *di, uint32_t i)
{
	uint32_t b;
	if (i < EFS_NDIRECT) {
		if ((b = alloc_block(im)) == 0)
			return false;
		di->direct[i] = b;
		return true;
	}
	if (i < EFS_INDIRECT1_END) {
		if (i == EFS_NDIRECT && (di->indirect1 = alloc_block(im)) == 0)
			return false;
		if ((b = alloc_block(im)) == 0)
			return false;
		index_set(im, di->indirect1, i - EFS_NDIRECT, b);
		return true;
	}
	uint32_t j = i - EFS_INDIRECT1_END;
	if (j == 0 && (di->indirect2 = alloc_block(im)) == 0)
		return false;
	if (j % EFS_NINDIRECT == 0) {
		uint32_t mid = alloc_block(im);
		if (mid == 0)
			return false;
		index_set(im, di->indirect2, j / EFS_NINDIRECT, mid);
	}
	uint32_t mid = index_get(im, di->indirect2, j / EFS_NINDIRECT);
	if (mid == 0 || (b = alloc_block(im)) == 0)
		return false;
	index_set(im, mid, j % EFS_NINDIRECT, b);
	return true;
}

int image_append(struct image *im, uint32_t ino, const void *buf, uint64_t n)
{
	struct efs_dinode *di = image_inode(im, ino);
	if (di == NULL)
		return -1;
	if (n > EFS_MAX_SIZE - di->size) {
		fprintf(stderr, "%s: a file can hold at most %llu bytes\n", im->path,
			(unsigned long long)EFS_MAX_SIZE);
		return -1;
	}
	uint32_t need = efs_data_blocks(di->size + n);
	for (uint32_t i = efs_data_blocks(di->size); i < need; i++) {
		if (!add_block(im, di, i)) {
			fprintf(stderr, "%s: the file system is full\n", im->path);
			return -1;
		}
	}
	uint64_t off = di->size;
	di->size += n;
	for (uint64_t done = 0; done < n;) {
		uint32_t block = image_bmap(im, di, (off + done) / EFS_BSIZE);
		uint64_t at = (off + done) % EFS_BSIZE;
		uint64_t len = EFS_BSIZE - at < n - done ? EFS_BSIZE - at : n - done;
		memcpy(image_block(im, block) + at, (const char *)buf + done, len);
		done += len;
	}
	return 0;
}

long image_new_inode(struct image *im, uint32_t type)
{
	long ino = bit_alloc(im, im->inode_bitmap_start, im->ninodes, &im->inode_hint);
	if (ino < 0) {
		fprintf(stderr, "%s: no free inode left\n", im->path);
		return -1;
	}
	struct efs_dinode *di =
	    (struct efs_dinode *)(image_block(im, im->inode_start + ino / EFS_INODES_PER_BLOCK) +
				  ino % EFS_INODES_PER_BLOCK * sizeof(struct efs_dinode));
	memset(di, 0, sizeof(*di));
	di->type = type;
	return ino;
}

bool image_dirent(struct image *im, const struct efs_dinode *di, uint32_t i, struct efs_dirent *de)
{
	if (image_read(im, di, (uint64_t)i * sizeof(*de), de, sizeof(*de)) != sizeof(*de))
		return false;
	return de->name[0] != '\0' && memchr(de->name, '\0', sizeof(de->name)) != NULL;
}

long image_lookup(struct image *im, const char *path)
{
	uint32_t trail[64] = {EFS_ROOT_INO}; /* the directories walked through */
	int depth = 0;
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (len == 0)
			return trail[depth];
		if (len == 1 && p[0] == '.') {
			p += len;
			continue;
		}
		if (len == 2 && strncmp(p, "..", 2) == 0) { /* worked out on the path */
			depth -= depth > 0;
			p += len;
			continue;
		}
		struct efs_dinode *dir = image_inode(im, trail[depth]);
		if (dir == NULL)
			return -1;
		if (dir->type != EFS_TYPE_DIR) {
			fprintf(stderr, "%s: %s: %.*s is not a directory\n", im->path, path,
				(int)(p - path), path);
			return -1;
		}
		long found = -1;
		for (uint32_t i = 0; i < dir->size / sizeof(struct efs_dirent) && found < 0; i++) {
			struct efs_dirent de;
			if (!image_dirent(im, dir, i, &de)) {
				fprintf(stderr, "%s: directory inode %u: entry %u is broken\n",
					im->path, trail[depth], i);
				return -1;
			}
			if (strlen(de.name) == len && strncmp(de.name, p, len) == 0)
				found = de.ino;
		}
		if (found < 0) {
			fprintf(stderr, "%s: %s: no such file or directory\n", im->path, path);
			return -1;
		}
		if (image_inode(im, found) == NULL)
			return -1;
		if (!bit_get(im, im->inode_bitmap_start, found)) {
			fprintf(stderr, "%s: %s: names inode %ld, which is free\n", im->path, path,
				found);
			return -1;
		}
		if (depth + 1 == (int)(sizeof(trail) / sizeof(trail[0]))) {
			fprintf(stderr, "%s: %s: too deep\n", im->path, path);
			return -1;
		}
		trail[++depth] = found;
		p += len;
	}
}
