/*
 * mkfs-easyfs - make an easy-fs disk image holding some files.
 *
 *   mkfs-easyfs [--no-log] IMAGE SIZE_MB FILE...
 *
 * Each FILE goes in the root directory under its basename (at most 27
 * bytes). The image is SIZE_MB MiB with rCore's layout (one inode bitmap
 * block: 4096 inodes), so rCore's kernel can mount it too. Its last
 * EFS_LOG_BLOCKS blocks are the write-ahead log (after the file system,
 * where rCore does not look), unless --no-log: then the file system
 * fills the image, as rCore's easy-fs-fuse makes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "efs_image.h"

static int add_file(struct image *im, const char *path)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct efs_dirent de;
	if (*name == '\0' || strlen(name) > EFS_NAME_MAX || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0) {
		fprintf(stderr, "mkfs-easyfs: %s: the name must be 1 to %d bytes, not . or ..\n",
			path, EFS_NAME_MAX);
		return -1;
	}
	struct efs_dinode *root = image_inode(im, EFS_ROOT_INO);
	for (uint32_t i = 0; i < root->size / sizeof(de); i++) {
		if (image_dirent(im, root, i, &de) && strcmp(de.name, name) == 0) {
			fprintf(stderr, "mkfs-easyfs: %s: a second file named %s\n", path, name);
			return -1;
		}
	}

	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	long ino = image_new_inode(im, EFS_TYPE_FILE);
	if (ino < 0) {
		fclose(f);
		return -1;
	}
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (image_append(im, ino, buf, n) != 0) {
			fprintf(stderr, "mkfs-easyfs: %s does not fit\n", path);
			fclose(f);
			return -1;
		}
	}
	if (ferror(f)) {
		perror(path);
		fclose(f);
		return -1;
	}
	fclose(f);
	memset(&de, 0, sizeof(de));
	strcpy(de.name, name);
	de.ino = ino;
	return image_append(im, EFS_ROOT_INO, &de, sizeof(de));
}

int main(int argc, char **argv)
{
	bool log = true;
	if (argc > 1 && strcmp(argv[1], "--no-log") == 0) {
		log = false;
		argc--;
		argv++;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: mkfs-easyfs [--no-log] IMAGE SIZE_MB FILE...\n");
		return 2;
	}
	char *end;
	long mb = strtol(argv[2], &end, 10);
	if (*end != '\0' || mb < 1 || mb > 2047) {
		fprintf(stderr, "mkfs-easyfs: SIZE_MB must be 1 to 2047, not %s\n", argv[2]);
		return 2;
	}
	struct image im;
	if (image_format(&im, argv[1], (uint64_t)mb * 2048, log) != 0)
		return 1;
	for (int i = 3; i < argc; i++)
		if (add_file(&im, argv[i]) != 0)
			return 1;
	return image_save(&im) == 0 ? 0 : 1;
}
