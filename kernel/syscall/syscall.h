/*
 * syscall.h - system call numbers (the same on every arch: Linux
 * asm-generic numbers, rCore lab numbers where Linux has none) and the
 * handlers. A handler gets the calling task and the six arguments and
 * returns the value user space sees (negative = error).
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include "task/task.h"
#include "fs/vfs.h"

#define SYS_GETCWD 17
#define SYS_MKDIRAT 34
#define SYS_UNLINKAT 35
#define SYS_LINKAT 37
#define SYS_CHDIR 49
#define SYS_OPENAT 56
#define SYS_CLOSE 57
#define SYS_GETDENTS64 61
#define SYS_READ 63
#define SYS_WRITE 64
#define SYS_FSTAT 80
#define SYS_EXIT 93
#define SYS_YIELD 124
#define SYS_SET_PRIORITY 140
#define SYS_GETTIMEOFDAY 169
#define SYS_GETPID 172
#define SYS_SBRK 214
#define SYS_MUNMAP 215
#define SYS_FORK 220
#define SYS_EXEC 221
#define SYS_MMAP 222
#define SYS_WAITPID 260
#define SYS_SPAWN 400
#define SYS_TASK_INFO 410

/* Error numbers (returned negated). */
#define EPERM 1
#define EBADF 9
#define EFAULT 14
#define EINVAL 22
#define ENOSYS 38

typedef long (*syscall_fn)(struct task *t, const uint64_t a[6]);

long sys_write(struct task *t, const uint64_t a[6]);
long sys_exit(struct task *t, const uint64_t a[6]);
long sys_yield(struct task *t, const uint64_t a[6]);
long sys_gettimeofday(struct task *t, const uint64_t a[6]);
long sys_task_info(struct task *t, const uint64_t a[6]);
long sys_sbrk(struct task *t, const uint64_t a[6]);
long sys_mmap(struct task *t, const uint64_t a[6]);
long sys_munmap(struct task *t, const uint64_t a[6]);
long sys_read(struct task *t, const uint64_t a[6]);
long sys_getpid(struct task *t, const uint64_t a[6]);
long sys_fork(struct task *t, const uint64_t a[6]);
long sys_exec(struct task *t, const uint64_t a[6]);
long sys_waitpid(struct task *t, const uint64_t a[6]);
long sys_spawn(struct task *t, const uint64_t a[6]);
long sys_set_priority(struct task *t, const uint64_t a[6]);
long sys_openat(struct task *t, const uint64_t a[6]);
long sys_close(struct task *t, const uint64_t a[6]);
long sys_fstat(struct task *t, const uint64_t a[6]);
long sys_linkat(struct task *t, const uint64_t a[6]);
long sys_unlinkat(struct task *t, const uint64_t a[6]);
long sys_mkdirat(struct task *t, const uint64_t a[6]);
long sys_chdir(struct task *t, const uint64_t a[6]);
long sys_getcwd(struct task *t, const uint64_t a[6]);
long sys_getdents64(struct task *t, const uint64_t a[6]);

#endif
