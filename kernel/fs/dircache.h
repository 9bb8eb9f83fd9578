/*
 * dircache.h - a name index for large directories (dircache.c): hash of a
 * name -> position of its entry, for a few directories at once. The file
 * systems keep it right; the disk always has the last word.
 */
#ifndef DIRCACHE_H
#define DIRCACHE_H

#include "fs/vfs.h"

#define DC_MAX_POS 0xFFFDu /* positions above are not indexed */

struct dircache;

/* The hash of a name (with `fold`, ASCII letters in any case hash alike). */
uint32_t dc_hash(const char *name, bool fold);
/* The index of directory `dir` of `fs` (a number the fs chooses), or NULL. */
struct dircache *dc_get(struct fs *fs, uint64_t dir);
/* A new empty index for `dir`, for the fs to fill with dc_add. */
struct dircache *dc_new(struct fs *fs, uint64_t dir);
/* Record a name's entry at `pos`; -1 if the index had to be dropped (too
   full, or pos > DC_MAX_POS): then c must not be used again. */
int dc_add(struct dircache *c, uint32_t hash, uint32_t pos);
/* Forget a name's entry at `pos` (the index is dropped if it is not there). */
void dc_remove(struct dircache *c, uint32_t hash, uint32_t pos);
/* The positions that may hold a name with this hash, one per call: start
   with *iter = 0; false when there are no more. */
bool dc_next(struct dircache *c, uint32_t hash, uint32_t *iter, uint32_t *pos);
/* Drop an index (c may be NULL); drop the one of `dir`, or all of `fs`. */
void dc_drop(struct dircache *c);
void dc_forget(struct fs *fs, uint64_t dir);
void dc_forget_fs(struct fs *fs);
/* A number kept with the index for the fs (FAT: no free slot below it). */
uint32_t dc_hint(struct dircache *c);
void dc_set_hint(struct dircache *c, uint32_t hint);

#endif
