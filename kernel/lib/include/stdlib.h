/*
 * stdlib.h - the C library's <stdlib.h> for third-party code built into
 * the kernel (libfdt, lwIP): NULL, size_t and atoi (kernel/lib/string.c).
 */
#ifndef SHIM_STDLIB_H
#define SHIM_STDLIB_H

#include <stddef.h>

int atoi(const char *s);

#endif
