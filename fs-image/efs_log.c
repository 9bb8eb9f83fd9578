/*
 * efs_log.c - the easy-fs write-ahead log, for the host tools: find the
 * committed log of an image and replay it (the kernel's side is
 * kernel/fs/easyfs_log.c; the format is in easyfs_format.h).
 */
#include <stdio.h>
#include <string.h>
#include "efs_image.h"

const char *image_check_log(struct image *im)
{
	struct efs_log_super ls;
	memcpy(&ls, im->data + sizeof(struct efs_super), sizeof(ls));
	im->log_start = 0;
	if (ls.magic != EFS_LOG_MAGIC)
		return NULL; /* no log: an rCore image, or mkfs-easyfs --no-log */
	if (ls.start != im->sb.total_blocks || ls.blocks != EFS_LOG_BLOCKS ||
	    (uint64_t)ls.start + ls.blocks > im->nblocks)
		return "the log is not where the file system ends, or not inside the image";
	im->log_start = ls.start;
	return NULL;
}

/* Header of area `a`, if it is committed (numbers in range, checksum
   matching its copies); else NULL. */
static struct efs_log_header *committed(struct image *im, int a)
{
	uint32_t block = im->log_start + a * EFS_LOG_AREA;
	struct efs_log_header *h = (struct efs_log_header *)image_block(im, block);
	if (h->magic != EFS_LOG_MAGIC || h->n > EFS_LOG_SLOTS)
		return NULL;
	for (uint32_t i = 0; i < h->n; i++)
		if (h->home[i] == 0 || h->home[i] >= im->sb.total_blocks)
			return NULL;
	return efs_log_sum(h, image_block(im, block + 1)) == h->sum ? h : NULL;
}

int image_log_pending(struct image *im, uint32_t *seq)
{
	if (im->log_start == 0)
		return 0;
	struct efs_log_header *h0 = committed(im, 0), *h1 = committed(im, 1);
	struct efs_log_header *h = h1 && (!h0 || h1->seq > h0->seq) ? h1 : h0;
	if (h == NULL)
		return 0;
	if (seq != NULL)
		*seq = h->seq;
	return h->n;
}

int image_log_replay(struct image *im)
{
	if (im->log_start == 0)
		return 0;
	struct efs_log_header *h0 = committed(im, 0), *h1 = committed(im, 1);
	int a = h1 && (!h0 || h1->seq > h0->seq) ? 1 : 0;
	struct efs_log_header *h = a ? h1 : h0;
	if (h == NULL || h->n == 0)
		return 0;
	uint8_t *copies = image_block(im, im->log_start + a * EFS_LOG_AREA + 1);
	for (uint32_t i = 0; i < h->n; i++)
		memcpy(image_block(im, h->home[i]), copies + (uint64_t)i * EFS_BSIZE, EFS_BSIZE);
	int n = h->n;
	h->n = 0; /* installed: the header is cleared, as the kernel does */
	h->sum = efs_log_sum(h, copies);
	return n;
}
