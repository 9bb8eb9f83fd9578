/*
 * dtb.h - the hal's device-tree questions (hal/common/dtb.c), shared by
 * the arches that boot with a DTB; answered by libfdt, as the kernel's.
 */
#ifndef HAL_DTB_H
#define HAL_DTB_H

#include <stdint.h>

/* Property `prop` of the top-level DTB node `node` (name before any '@');
   NULL if there is none. *len is its length in bytes. */
const void *dtb_prop(const char *node, const char *prop, int *len);
/* Property `prop` of the first node whose "compatible" has `compat`
   (e.g. "riscv,plic0"); NULL if there is none. */
const void *dtb_compat_prop(const char *compat, const char *prop, int *len);
/* A big-endian number of 1 or 2 cells at p. */
uint64_t dtb_read_cells(const void *p, int cells);

#endif
