/*
 * easyfs-ls - list a directory of an easy-fs image.
 *
 *   easyfs-ls IMAGE [DIR]
 *
 * One line per entry, as stored: type (d or -), size, inode number,
 * name. DIR defaults to the root.
 */
#include <stdio.h>
#include "efs_image.h"

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: easyfs-ls IMAGE [DIR]\n");
		return 2;
	}
	struct image im;
	if (image_load(&im, argv[1]) != 0)
		return 1;
	const char *why = image_check_super(&im);
	if (why != NULL) {
		fprintf(stderr, "%s: not a usable easy-fs image: %s\n", argv[1], why);
		return 1;
	}
	image_log_replay(&im); /* in memory: what the kernel would see */
	long ino = image_lookup(&im, argc == 3 ? argv[2] : "/");
	struct efs_dinode *dir = ino < 0 ? NULL : image_inode(&im, ino);
	if (dir == NULL)
		return 1;
	if (dir->type != EFS_TYPE_DIR) {
		fprintf(stderr, "%s: %s is not a directory\n", argv[1], argv[2]);
		return 1;
	}
	int status = 0;
	for (uint32_t i = 0; i < dir->size / sizeof(struct efs_dirent); i++) {
		struct efs_dirent de;
		struct efs_dinode *di = NULL;
		if (!image_dirent(&im, dir, i, &de)) {
			fprintf(stderr, "%s: entry %u is broken\n", argv[1], i);
			status = 1;
			continue;
		}
		if (de.ino < im.ninodes)
			di = image_inode(&im, de.ino);
		if (di == NULL) {
			printf("? %10s %5u %s\n", "?", de.ino, de.name);
			status = 1;
			continue;
		}
		printf("%c %10u %5u %s\n", di->type == EFS_TYPE_DIR ? 'd' : '-', di->size, de.ino,
		       de.name);
	}
	return status;
}
