/*
 * pipe.h - pipes (chapter 7+): a one-way byte channel between processes,
 * reached through two open files, a read end and a write end (pipe.c).
 */
#ifndef PIPE_H
#define PIPE_H

#include "fs/vfs.h"

/* Writes of at most PIPE_BUF bytes are atomic: they are never interleaved
   with the bytes of another write. */
#define PIPE_BUF 512

/* A new pipe: *rd its read end (O_RDONLY), *wr its write end (O_WRONLY),
   each an open file with one reference. 0, or -ENFILE (no free open file
   or pipe) or -ENOMEM (no page for the buffer), with nothing allocated. */
int pipe_open(struct file **rd, struct file **wr);

#endif
