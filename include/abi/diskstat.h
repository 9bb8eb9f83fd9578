/*
 * diskstat.h - what diskstat (syscall 2101, chapter 6) reports about one
 * disk: the requests its driver sent since boot, by kind, and the sectors
 * they moved. `make bench` prints what each file figure cost in requests
 * and flushes from the difference of two calls. Shared by the kernel and
 * user programs.
 */
#ifndef ABI_DISKSTAT_H
#define ABI_DISKSTAT_H

#include <stdint.h>

struct diskstat {
	char name[16];		  /* "vda", ... */
	uint64_t sectors;	  /* capacity, 512-byte sectors */
	uint64_t reads;		  /* read requests sent to the device */
	uint64_t writes;	  /* write requests */
	uint64_t flushes;	  /* flush requests (VIRTIO_BLK_T_FLUSH) */
	uint64_t sectors_read;	  /* sectors the read requests asked for */
	uint64_t sectors_written; /* sectors the write requests carried */
};

#endif
