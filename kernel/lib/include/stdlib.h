/*
 * stdlib.h - the C library's <stdlib.h> for third-party code built into
 * the kernel (libfdt): it needs nothing from it but NULL and size_t.
 */
#ifndef SHIM_STDLIB_H
#define SHIM_STDLIB_H

#include <stddef.h>

#endif
