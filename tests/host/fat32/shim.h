/*
 * shim.h - the host side of the FAT32 tests: an image file as a block device.
 */
#ifndef SHIM_H
#define SHIM_H

#include "drivers/blk.h"

#define PANIC_EXIT 99

/* The image as device "img"; nsectors 0: the file's size. Exits if it cannot. */
struct blk_dev *image_open(const char *path, uint64_t nsectors);
/* Let n more sector writes succeed, then fail every one (-1: never fail). */
void image_fail_writes_after(long n);

#endif
