/*
 * sysnum.h - system call numbers, the same on every arch: Linux's
 * asm-generic numbers where Linux has the call, rCore-Tutorial's lab
 * numbers otherwise (docs/abi.md). Shared by the kernel and user/lib.
 */
#ifndef ABI_SYSNUM_H
#define ABI_SYSNUM_H

#define SYS_GETCWD 17
#define SYS_DUP 24
#define SYS_IOCTL 29
#define SYS_MKDIRAT 34
#define SYS_UNLINKAT 35
#define SYS_LINKAT 37
#define SYS_CHDIR 49
#define SYS_OPENAT 56
#define SYS_CLOSE 57
#define SYS_PIPE 59
#define SYS_GETDENTS64 61
#define SYS_READ 63
#define SYS_WRITE 64
#define SYS_PPOLL 73
#define SYS_FSTAT 80
#define SYS_EXIT 93
#define SYS_SLEEP 101
#define SYS_YIELD 124
#define SYS_KILL 129
#define SYS_SIGACTION 134
#define SYS_SIGPROCMASK 135
#define SYS_SIGRETURN 139
#define SYS_SET_PRIORITY 140
#define SYS_SETPGID 154
#define SYS_GETPGID 155
#define SYS_GETTID 178
#define SYS_GETTIMEOFDAY 169
#define SYS_GETPID 172
#define SYS_GETPPID 173
#define SYS_SOCKET 198 /* chapter 9: sockets (docs/abi.md) */
#define SYS_BIND 200
#define SYS_LISTEN 201
#define SYS_ACCEPT 202
#define SYS_CONNECT 203
#define SYS_GETSOCKNAME 204
#define SYS_GETPEERNAME 205
#define SYS_SENDTO 206
#define SYS_RECVFROM 207
#define SYS_SETSOCKOPT 208
#define SYS_SHUTDOWN 210
#define SYS_SBRK 214
#define SYS_MUNMAP 215
#define SYS_FORK 220
#define SYS_EXEC 221
#define SYS_MMAP 222
#define SYS_WAITPID 260
#define SYS_SPAWN 400
#define SYS_TASK_INFO 410
#define SYS_THREAD_CREATE 460
#define SYS_WAITTID 462
#define SYS_MUTEX_CREATE 463
#define SYS_MUTEX_LOCK 464
#define SYS_MUTEX_UNLOCK 466
#define SYS_SEMAPHORE_CREATE 467
#define SYS_SEMAPHORE_UP 468
#define SYS_ENABLE_DEADLOCK_DETECT 469
#define SYS_SEMAPHORE_DOWN 470
#define SYS_CONDVAR_CREATE 471
#define SYS_CONDVAR_SIGNAL 472
#define SYS_CONDVAR_WAIT 473
#define SYS_EVENT_GET 3000	/* chapter 9 (rCore): the next input event, 0 if none */
#define SYS_KEY_PRESSED 3001	/* chapter 9 (rCore): 1 if a key event waits */
#define SYS_INPUT_WAIT 3002	/* ours (chapter 9): sleep until an input event, or timeout_ms */
#define SYS_INPUT_ABS_INFO 3003 /* ours (chapter 9): an absolute axis' range (abi/input.h) */
#define SYS_FRAMEBUFFER 2000	/* rCore's (chapter 9): map the framebuffer, return its address */
#define SYS_FRAMEBUFFER_FLUSH 2001	/* rCore's: show the whole framebuffer */
#define SYS_FRAMEBUFFER_FLUSH_RECT 2002 /* ours: show a rectangle of it */
#define SYS_FB_INFO 2003		/* ours: fill a struct fb_info (abi/fb.h) */
#define SYS_IRQSTAT 2100 /* ours (chapter 9): fill a struct irqstat (abi/irqstat.h) */
#define SYS_DISKSTAT 2101 /* ours (chapter 6): fill a struct diskstat (abi/diskstat.h) for disk n */
#define SYS_DROP_CACHES 2102 /* ours (chapter 6): write back and flush, then forget every cached block */
#define SYS_BARE_TRAP 2200 /* ours: the hal's trap entry returns at once, nothing done (make bench's floor) */

/* waitpid's options: sleep until a child exits instead of returning -2. */
#define WAIT_BLOCKING (1 << 30)

#endif
