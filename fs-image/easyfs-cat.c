/*
 * easyfs-cat - write a file of an easy-fs image to standard output.
 *
 *   easyfs-cat IMAGE PATH
 *
 * Exits 1 if the image is not easy-fs, or PATH is missing or a directory.
 */
#include <stdio.h>
#include "efs_image.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: easyfs-cat IMAGE PATH\n");
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
	long ino = image_lookup(&im, argv[2]);
	if (ino < 0)
		return 1;
	struct efs_dinode *di = image_inode(&im, ino);
	if (di == NULL)
		return 1;
	if (di->type == EFS_TYPE_DIR) {
		fprintf(stderr, "%s: %s is a directory\n", argv[1], argv[2]);
		return 1;
	}
	char buf[EFS_BSIZE];
	for (uint64_t off = 0; off < di->size; off += sizeof(buf)) {
		long n = image_read(&im, di, off, buf, sizeof(buf));
		if (n < 0) {
			fprintf(stderr, "%s: %s: bad block number in inode %ld\n", argv[1], argv[2],
				ino);
			return 1;
		}
		if (fwrite(buf, 1, n, stdout) != (size_t)n) {
			perror("easyfs-cat: stdout");
			return 1;
		}
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
