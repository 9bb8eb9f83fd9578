/*
 * sys_disk.c - the disks as a benchmark sees them (chapter 6, ours):
 *   diskstat(n, st)   fill st (abi/diskstat.h) with disk n's request
 *                     counts: 0; -ENODEV if there is no disk n; -EFAULT
 *   drop_caches()     write every dirty block back and flush, then forget
 *                     every cached block, so the next read of a file
 *                     comes from the disk (Linux: sync, then
 *                     echo 3 > /proc/sys/vm/drop_caches): the number of
 *                     blocks forgotten, or -EIO
 */
#include "syscall/syscall.h"
#include "drivers/blk.h"
#include "fs/vfs.h"

long sys_diskstat(struct proc *p, const uint64_t a[6])
{
	struct blk_dev *d = a[0] < MAX_BLK_DEVS ? blk_get((int)a[0]) : NULL;
	if (d == NULL)
		return -ENODEV;
	if (copy_to_user(p, a[1], &d->stat, sizeof(d->stat)) != 0)
		return -EFAULT;
	return 0;
}

long sys_drop_caches(struct proc *p, const uint64_t a[6])
{
	(void)p;
	(void)a;
	int dropped = vfs_drop_caches();
	return dropped < 0 ? -EIO : dropped;
}
