/*
 * blk.c - the table of block devices that drivers register.
 */
#include "drivers/blk.h"

static struct blk_dev *devs[MAX_BLK_DEVS];
static int ndevs;

int blk_register(struct blk_dev *d)
{
	if (ndevs == MAX_BLK_DEVS) {
		warn("blk: no room for %s", d->name);
		return -1;
	}
	devs[ndevs] = d;
	info("blk: %s, %lu sectors (%lu MiB)", d->name, d->nsectors, d->nsectors / 2048);
	return ndevs++;
}

struct blk_dev *blk_get(int i)
{
	return i >= 0 && i < ndevs ? devs[i] : NULL;
}
