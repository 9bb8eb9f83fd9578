/*
 * fcntl.h - flags of openat (rCore's values, which are Linux's for the
 * first three) and of the *at calls. Shared by the kernel and the user
 * library.
 */
#ifndef ABI_FCNTL_H
#define ABI_FCNTL_H

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREATE (1 << 9)
#define O_TRUNC (1 << 10)
#define O_DIRECTORY (1 << 21)

#define AT_FDCWD (-100)     /* dirfd: the working directory */
#define AT_REMOVEDIR 0x200 /* unlinkat: remove a directory */

#endif
