/*
 * syscall.h - system call numbers (the same on every arch: Linux
 * asm-generic numbers, rCore lab numbers where Linux has none) and the
 * handlers. A handler gets the calling process and the six arguments and
 * returns the value user space sees (negative = error).
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include "task/task.h"
#include "fs/vfs.h"

#include "abi/sysnum.h"
#include "abi/errno.h"

/* The calling thread is current_thread(). */
typedef long (*syscall_fn)(struct proc *p, const uint64_t a[6]);

long sys_write(struct proc *p, const uint64_t a[6]);
long sys_exit(struct proc *p, const uint64_t a[6]);
long sys_yield(struct proc *p, const uint64_t a[6]);
long sys_gettimeofday(struct proc *p, const uint64_t a[6]);
/* Whole milliseconds in `ticks` of hal_time, as gettimeofday reports them. */
uint64_t time_ms(uint64_t ticks);
long sys_task_info(struct proc *p, const uint64_t a[6]);
long sys_sbrk(struct proc *p, const uint64_t a[6]);
long sys_mmap(struct proc *p, const uint64_t a[6]);
long sys_munmap(struct proc *p, const uint64_t a[6]);
long sys_read(struct proc *p, const uint64_t a[6]);
long sys_getpid(struct proc *p, const uint64_t a[6]);
long sys_getppid(struct proc *p, const uint64_t a[6]);
long sys_sleep(struct proc *p, const uint64_t a[6]);
long sys_fork(struct proc *p, const uint64_t a[6]);
long sys_exec(struct proc *p, const uint64_t a[6]);
long sys_waitpid(struct proc *p, const uint64_t a[6]);
long sys_spawn(struct proc *p, const uint64_t a[6]);
long sys_set_priority(struct proc *p, const uint64_t a[6]);
long sys_openat(struct proc *p, const uint64_t a[6]);
long sys_close(struct proc *p, const uint64_t a[6]);
long sys_fstat(struct proc *p, const uint64_t a[6]);
long sys_linkat(struct proc *p, const uint64_t a[6]);
long sys_unlinkat(struct proc *p, const uint64_t a[6]);
long sys_mkdirat(struct proc *p, const uint64_t a[6]);
long sys_chdir(struct proc *p, const uint64_t a[6]);
long sys_getcwd(struct proc *p, const uint64_t a[6]);
long sys_getdents64(struct proc *p, const uint64_t a[6]);
long sys_kill(struct proc *p, const uint64_t a[6]);
long sys_sigaction(struct proc *p, const uint64_t a[6]);
long sys_sigprocmask(struct proc *p, const uint64_t a[6]);
long sys_sigreturn(struct proc *p, const uint64_t a[6]);
long sys_setpgid(struct proc *p, const uint64_t a[6]);
long sys_getpgid(struct proc *p, const uint64_t a[6]);
long sys_ioctl(struct proc *p, const uint64_t a[6]);
/* chapter 7: sys_pipe.c */
long sys_pipe(struct proc *p, const uint64_t a[6]);
long sys_dup(struct proc *p, const uint64_t a[6]);
long sys_thread_create(struct proc *p, const uint64_t a[6]);
long sys_gettid(struct proc *p, const uint64_t a[6]);
long sys_waittid(struct proc *p, const uint64_t a[6]);
long sys_mutex_create(struct proc *p, const uint64_t a[6]);
long sys_mutex_lock(struct proc *p, const uint64_t a[6]);
long sys_mutex_unlock(struct proc *p, const uint64_t a[6]);
long sys_semaphore_create(struct proc *p, const uint64_t a[6]);
long sys_semaphore_up(struct proc *p, const uint64_t a[6]);
long sys_semaphore_down(struct proc *p, const uint64_t a[6]);
long sys_condvar_create(struct proc *p, const uint64_t a[6]);
long sys_condvar_signal(struct proc *p, const uint64_t a[6]);
long sys_condvar_wait(struct proc *p, const uint64_t a[6]);
long sys_enable_deadlock_detect(struct proc *p, const uint64_t a[6]);
/* sys_disk.c (chapter 6) */
long sys_diskstat(struct proc *p, const uint64_t a[6]);
long sys_drop_caches(struct proc *p, const uint64_t a[6]);
/* sys_irqstat.c (chapter 9) */
long sys_irqstat(struct proc *p, const uint64_t a[6]);
/* sys_input.c (chapter 9) */
long sys_event_get(struct proc *p, const uint64_t a[6]);
long sys_key_pressed(struct proc *p, const uint64_t a[6]);
long sys_input_wait(struct proc *p, const uint64_t a[6]);
long sys_input_abs_info(struct proc *p, const uint64_t a[6]);
/* sys_fb.c (chapter 9) */
long sys_framebuffer(struct proc *p, const uint64_t a[6]);
long sys_framebuffer_flush(struct proc *p, const uint64_t a[6]);
long sys_framebuffer_flush_rect(struct proc *p, const uint64_t a[6]);
long sys_fb_info(struct proc *p, const uint64_t a[6]);
/* sys_poll.c (chapter 9) */
long sys_ppoll(struct proc *p, const uint64_t a[6]);
/* sys_socket.c (chapter 9) */
long sys_socket(struct proc *p, const uint64_t a[6]);
long sys_bind(struct proc *p, const uint64_t a[6]);
long sys_listen(struct proc *p, const uint64_t a[6]);
long sys_accept(struct proc *p, const uint64_t a[6]);
long sys_connect(struct proc *p, const uint64_t a[6]);
long sys_getsockname(struct proc *p, const uint64_t a[6]);
long sys_getpeername(struct proc *p, const uint64_t a[6]);
long sys_sendto(struct proc *p, const uint64_t a[6]);
long sys_recvfrom(struct proc *p, const uint64_t a[6]);
long sys_setsockopt(struct proc *p, const uint64_t a[6]);
long sys_shutdown(struct proc *p, const uint64_t a[6]);

#endif
