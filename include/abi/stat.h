/*
 * stat.h - what fstat (80) fills in: rCore's struct Stat (dev, ino, mode,
 * nlink, padding). Shared by the kernel and the user library.
 */
#ifndef ABI_STAT_H
#define ABI_STAT_H

#include <stdint.h>

struct stat {
	uint64_t dev, ino;
	uint32_t mode, nlink;
	uint64_t pad[7];
};

#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFIFO 0010000 /* a pipe (chapter 7) */
#define S_IFSOCK 0140000 /* a socket (chapter 9) */

#endif
