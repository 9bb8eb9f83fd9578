/*
 * blk.h - block devices: what a disk driver (virtio-blk) registers and
 * what the block cache reads from. Sectors are 512 bytes.
 */
#ifndef BLK_H
#define BLK_H

#include "lib/lib.h"
#include "abi/diskstat.h"

#define SECTOR_SIZE 512
#define BLK_FAILED (-1) /* a started request's error: the device said so */
#define BLK_LOST (-2)	/* ... or it never answered (drain gave up) */
#define MAX_BLK_DEVS 4

struct blk_dev {
	char name[16];	   /* "vda", ... */
	uint64_t nsectors; /* capacity */
	/* Read/write `count` sectors at `sector`; 0 or -1 on a device error. */
	int (*read)(struct blk_dev *d, uint64_t sector, void *buf, int count);
	int (*write)(struct blk_dev *d, uint64_t sector, const void *buf, int count);
	/* Start a read or a write and return at once (read-ahead and
	   write-back, chapter 9): done(arg, err) runs from the interrupt
	   handler when the device answers, with err 0 or BLK_FAILED; it must
	   not sleep. 0 if started; -1 if not (no interrupts, no free slot,
	   out of range, a dead disk: do it synchronously instead). NULL where
	   the driver cannot. */
	int (*start)(struct blk_dev *d, bool write, uint64_t sector, void *buf, int count,
		     void (*done)(void *arg, int err), void *arg);
	/* Wait until every request started is answered: 0, or -1 if the
	   device stopped answering. Then the disk is taken for dead and the
	   unanswered requests' done() runs with BLK_LOST: their buffers stay
	   the device's for good (it may still read or write them). */
	int (*drain)(struct blk_dev *d);
	/* Make every write answered so far durable; 0 or -1. NULL where the
	   device writes through (each answered write is on the disk). */
	int (*flush)(struct blk_dev *d);
	void *priv;	      /* the driver's own state */
	struct diskstat stat; /* requests sent so far: the driver counts them */
};

/* Add a device (the driver keeps `d` alive); returns its index. */
int blk_register(struct blk_dev *d);
/* Device i, or NULL. */
struct blk_dev *blk_get(int i);

/* Find the machine's devices (DTB, PCI) and start their drivers
   (drivers/devices.c, chapter 6+). */
void devices_init(void);

#endif
