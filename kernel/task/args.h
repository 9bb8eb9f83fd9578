/*
 * args.h - a program's arguments (chapter 5+, args.c): exec copies them
 * from the caller into the kernel, then onto the new program's stack.
 */
#ifndef ARGS_H
#define ARGS_H

#include "task/task.h"

#define ARG_COUNT_MAX 256	  /* arguments of one exec, argv[0] included */
#define ARG_BYTES_MAX (64 * 1024) /* their strings, each with its NUL */

/* Arguments copied into the kernel: argv[0..argc) point into a buffer of
   frames allocated for them, argv[argc] is NULL. */
struct exec_args {
	char **argv;
	int argc;
	uint64_t pa;   /* the buffer's frames, contiguous: strings, then argv */
	size_t npages; /* how many */
};

/* Copy exec's NULL-terminated user array `uargv` of `p` (0: no array, then
   argv is just `path`) into `a`. 0; -EFAULT if a pointer or a string is
   not readable, -E2BIG beyond ARG_COUNT_MAX arguments or ARG_BYTES_MAX
   bytes, -ENOMEM; on an error nothing is left to free. */
long args_copy_in(struct proc *p, uint64_t uargv, const char *path, struct exec_args *a);
void args_free(struct exec_args *a);

/* Lay argv[0..argc) on the new stack of `p` (the sp of `tf`, the new
   program's first trap frame, is its top) as rCore does and set the entry
   arguments in `tf`: the program starts as main(argc, argv) with sp
   16-byte aligned. 0, or -1 if out of memory. */
int set_entry_args(struct proc *p, struct trapframe *tf, char *const argv[], int argc);

#endif
