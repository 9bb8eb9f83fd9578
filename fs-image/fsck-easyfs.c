/*
 * fsck-easyfs - check an easy-fs image for consistency.
 *
 *   fsck-easyfs [-r] IMAGE
 *
 * A committed write-ahead log (easyfs_format.h) is replayed first, in
 * memory, and reported ("log: commit N, K blocks replayed"); with -r the
 * replayed image is written back to IMAGE, as mounting it would. Then the
 * file system is checked as it is after the replay.
 *
 * Checks the super block; walks every directory from the root; checks
 * each reachable inode (type, size, the blocks its size needs, unused
 * pointers zero); and compares both bitmaps with what was reached: an
 * entry naming a free inode, a used block marked free, a block owned
 * twice, an allocated inode no directory names, a block marked used that
 * no file owns. Prints each problem and exits 1, or prints "clean" and
 * exits 0. Without -r it only reads the image.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "efs_image.h"

#define DIRENT_SIZE sizeof(struct efs_dirent)

static struct image im;
static int problems;
static uint32_t *owner; /* per data-area block: owning inode + 1, or 0 */
static uint32_t *names; /* per inode: directory entries naming it */
static bool *seen_dir;	/* per inode: a directory already reached */
static uint32_t *queue; /* directories still to walk */
static uint32_t queued;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s: ", im.path);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	problems++;
}

/* Block `block`, found as `what` of inode `ino`: count it as owned. */
static bool claim(uint32_t ino, uint32_t block, const char *what)
{
	if (!is_data_block(&im, block)) {
		problem("inode %u: %s is block %u, outside the data area [%u, %u)", ino, what,
			block, im.data_start, im.sb.total_blocks);
		return false;
	}
	uint32_t n = block - im.data_start;
	if (owner[n] != 0) {
		problem("block %u is used twice: by inode %u and by inode %u (%s)", block,
			owner[n] - 1, ino, what);
		return false;
	}
	owner[n] = ino + 1;
	if (!bit_get(&im, im.data_bitmap_start, n))
		problem("block %u (%s of inode %u) is in use but free in the data bitmap", block,
			what, ino);
	return true;
}

/* Claim the n entries of index block `block`, and check the rest are 0. */
static void claim_index(uint32_t ino, uint32_t block, uint32_t n, const char *what)
{
	for (uint32_t i = 0; i < EFS_NINDIRECT; i++) {
		uint32_t v;
		memcpy(&v, image_block(&im, block) + i * 4, 4);
		if (i < n)
			claim(ino, v, what);
		else if (v != 0)
			problem("inode %u: block %u entry %u is %u past the file's end", ino, block,
				i, v);
	}
}

/* Claim every block inode `ino` owns; check its unused pointers are 0. */
static void claim_blocks(uint32_t ino, const struct efs_dinode *di)
{
	uint32_t n = efs_data_blocks(di->size);
	for (uint32_t i = 0; i < EFS_NDIRECT; i++) {
		if (i < n)
			claim(ino, di->direct[i], "a data block");
		else if (di->direct[i] != 0)
			problem("inode %u: direct[%u] is %u past the file's end", ino, i,
				di->direct[i]);
	}
	if (n > EFS_NDIRECT) {
		if (claim(ino, di->indirect1, "indirect1"))
			claim_index(ino, di->indirect1,
				    n < EFS_INDIRECT1_END ? n - EFS_NDIRECT : EFS_NINDIRECT,
				    "a data block");
	} else if (di->indirect1 != 0) {
		problem("inode %u: indirect1 is %u but the file needs none", ino, di->indirect1);
	}
	if (n > EFS_INDIRECT1_END) {
		if (!claim(ino, di->indirect2, "indirect2"))
			return;
		uint32_t rest = n - EFS_INDIRECT1_END;
		uint32_t mids = (rest + EFS_NINDIRECT - 1) / EFS_NINDIRECT;
		for (uint32_t k = 0; k < EFS_NINDIRECT; k++) {
			uint32_t mid;
			memcpy(&mid, image_block(&im, di->indirect2) + k * 4, 4);
			if (k >= mids) {
				if (mid != 0)
					problem("inode %u: indirect2 entry %u is %u past the "
						"file's end",
						ino, k, mid);
				continue;
			}
			uint32_t here = rest - k * EFS_NINDIRECT;
			if (claim(ino, mid, "an index block under indirect2"))
				claim_index(ino, mid, here < EFS_NINDIRECT ? here : EFS_NINDIRECT,
					    "a data block");
		}
	} else if (di->indirect2 != 0) {
		problem("inode %u: indirect2 is %u but the file needs none", ino, di->indirect2);
	}
}

/* A checked inode, or NULL (the problem is reported). */
static struct efs_dinode *inode_at(uint32_t ino)
{
	struct efs_dinode *di =
	    (struct efs_dinode *)(image_block(&im, im.inode_start + ino / EFS_INODES_PER_BLOCK) +
				  ino % EFS_INODES_PER_BLOCK * sizeof(struct efs_dinode));
	if (di->type != EFS_TYPE_FILE && di->type != EFS_TYPE_DIR) {
		problem("inode %u has type %u (0 file, 1 directory)", ino, di->type);
		return NULL;
	}
	if (di->size > EFS_MAX_SIZE) {
		problem("inode %u has size %u, more than a file can hold", ino, di->size);
		return NULL;
	}
	if (di->type == EFS_TYPE_DIR && di->size % DIRENT_SIZE != 0) {
		problem("directory inode %u has size %u, not a multiple of %zu", ino, di->size,
			DIRENT_SIZE);
		return NULL;
	}
	return di;
}

/* Check the entries of directory `dino`; queue its subdirectories. */
static void walk_dir(uint32_t dino, struct efs_dinode *dir)
{
	uint32_t count = dir->size / DIRENT_SIZE;
	struct efs_dirent *ents = calloc(count ? count : 1, DIRENT_SIZE);
	if (image_read(&im, dir, 0, ents, dir->size) != (long)dir->size) {
		problem("directory inode %u: its blocks cannot be read", dino);
		free(ents);
		return;
	}
	for (uint32_t i = 0; i < count; i++) {
		struct efs_dirent *de = &ents[i];
		if (de->name[0] == '\0' || memchr(de->name, '\0', sizeof(de->name)) == NULL ||
		    strchr(de->name, '/') != NULL) {
			problem("directory inode %u: entry %u has a bad name", dino, i);
			continue;
		}
		if (strcmp(de->name, ".") == 0 || strcmp(de->name, "..") == 0) {
			problem(
			    "directory inode %u: entry %u is \"%s\" (easy-fs stores no . or ..)",
			    dino, i, de->name);
			continue;
		}
		for (uint32_t j = 0; j < i; j++)
			if (strncmp(ents[j].name, de->name, sizeof(de->name)) == 0)
				problem("directory inode %u: the name \"%s\" appears twice", dino,
					de->name);
		if (de->ino >= im.ninodes) {
			problem("directory inode %u: \"%s\" names inode %u; there are %u", dino,
				de->name, de->ino, im.ninodes);
			continue;
		}
		if (!bit_get(&im, im.inode_bitmap_start, de->ino)) {
			problem("directory inode %u: \"%s\" names inode %u, which is free in the "
				"inode bitmap",
				dino, de->name, de->ino);
			continue;
		}
		struct efs_dinode *di = inode_at(de->ino);
		if (di == NULL)
			continue;
		if (di->type == EFS_TYPE_DIR) {
			if (de->ino == EFS_ROOT_INO || seen_dir[de->ino]) {
				problem("directory inode %u has a second name: \"%s\" in directory "
					"inode %u",
					de->ino, de->name, dino);
				continue;
			}
			seen_dir[de->ino] = true;
			queue[queued++] = de->ino;
		} else if (names[de->ino] == 0) {
			claim_blocks(de->ino, di);
		}
		names[de->ino]++;
	}
	free(ents);
}

int main(int argc, char **argv)
{
	bool write_back = argc == 3 && strcmp(argv[1], "-r") == 0;
	if (argc != 2 && !write_back) {
		fprintf(stderr, "usage: fsck-easyfs [-r] IMAGE\n");
		return 2;
	}
	if (image_load(&im, argv[argc - 1]) != 0)
		return 1;
	const char *why = image_check_super(&im);
	if (why != NULL) {
		problem("bad super block: %s", why);
		return 1;
	}
	uint32_t seq = 0;
	int logged = image_log_pending(&im, &seq);
	if (im.log_start == 0)
		printf("%s: no log (an rCore image)\n", im.path);
	else if (logged == 0)
		printf("%s: log: empty\n", im.path);
	else {
		image_log_replay(&im);
		printf("%s: log: commit %u, %d blocks replayed%s\n", im.path, seq, logged,
		       write_back ? " and written back" : " in memory (-r writes them back)");
		if (write_back && image_save(&im) != 0)
			return 1;
	}
	owner = calloc(im.sb.data_area_blocks, sizeof(*owner));
	names = calloc(im.ninodes, sizeof(*names));
	seen_dir = calloc(im.ninodes, sizeof(*seen_dir));
	queue = calloc(im.ninodes, sizeof(*queue));
	if (owner == NULL || names == NULL || seen_dir == NULL || queue == NULL) {
		fprintf(stderr, "fsck-easyfs: out of memory\n");
		return 1;
	}

	struct efs_dinode *root = inode_at(EFS_ROOT_INO);
	if (!bit_get(&im, im.inode_bitmap_start, EFS_ROOT_INO))
		problem("the root inode 0 is free in the inode bitmap");
	if (root == NULL || root->type != EFS_TYPE_DIR) {
		problem("the root inode 0 is not a directory");
		return 1;
	}
	queue[queued++] = EFS_ROOT_INO;
	for (uint32_t next = 0; next < queued; next++) {
		uint32_t dino = queue[next];
		struct efs_dinode *dir = inode_at(dino);
		claim_blocks(dino, dir);
		walk_dir(dino, dir);
	}

	uint32_t ninodes = 0, nblocks = 0;
	for (uint32_t i = 0; i < im.sb.inode_bitmap_blocks * EFS_BITS_PER_BLOCK; i++) {
		if (!bit_get(&im, im.inode_bitmap_start, i))
			continue;
		ninodes++;
		if (i >= im.ninodes)
			problem("inode %u is marked used but there are only %u inodes", i,
				im.ninodes);
		else if (i != EFS_ROOT_INO && names[i] == 0 && !seen_dir[i])
			problem("inode %u is marked used but no directory names it", i);
	}
	for (uint32_t n = 0; n < im.sb.data_bitmap_blocks * EFS_BITS_PER_BLOCK; n++) {
		if (!bit_get(&im, im.data_bitmap_start, n))
			continue;
		nblocks++;
		if (n >= im.sb.data_area_blocks)
			problem("data bitmap bit %u is set, beyond the %u data blocks", n,
				im.sb.data_area_blocks);
		else if (owner[n] == 0)
			problem("block %u is marked used but no file owns it", im.data_start + n);
	}
	if (problems) {
		printf("%s: %d problem%s\n", im.path, problems, problems == 1 ? "" : "s");
		return 1;
	}
	printf("%s: %u inodes, %u of %u data blocks used\nclean\n", im.path, ninodes, nblocks,
	       im.sb.data_area_blocks);
	return 0;
}
