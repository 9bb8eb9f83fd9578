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

#include "abi/sysnum.h"
#include "abi/errno.h"

typedef long (*syscall_fn)(struct task *t, const uint64_t a[6]);

long sys_write(struct task *t, const uint64_t a[6]);
long sys_exit(struct task *t, const uint64_t a[6]);
long sys_yield(struct task *t, const uint64_t a[6]);
long sys_gettimeofday(struct task *t, const uint64_t a[6]);
/* Whole milliseconds in `ticks` of hal_time, as gettimeofday reports them. */
uint64_t time_ms(uint64_t ticks);
long sys_task_info(struct task *t, const uint64_t a[6]);
long sys_sbrk(struct task *t, const uint64_t a[6]);
long sys_mmap(struct task *t, const uint64_t a[6]);
long sys_munmap(struct task *t, const uint64_t a[6]);
long sys_read(struct task *t, const uint64_t a[6]);
long sys_getpid(struct task *t, const uint64_t a[6]);
long sys_getppid(struct task *t, const uint64_t a[6]);
long sys_sleep(struct task *t, const uint64_t a[6]);
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
/* chapter 7: sys_pipe.c */
long sys_pipe(struct task *t, const uint64_t a[6]);
long sys_dup(struct task *t, const uint64_t a[6]);

#endif
