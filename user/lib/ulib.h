/*
 * ulib.h - the user library: system calls, console output, strings and
 * the structures the kernel shares with user programs.
 */
#ifndef ULIB_H
#define ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* What the kernel and user programs share: include/abi/. */
#include "abi/sysnum.h"
#include "abi/errno.h"
#include "abi/fcntl.h"
#include "abi/stat.h"
#include "abi/time.h"
#include "abi/task_info.h"
#include "abi/signal.h"
#include "abi/diskstat.h"
#include "abi/irqstat.h"
#include "abi/fb.h"
#include "abi/input.h"
#include "abi/socket.h"
#include "abi/poll.h"

/* PAGE_SIZE, the kernel's page size (16 KiB on loongarch64, 4 KiB
   elsewhere), comes from hal/<arch>/arch.mk, as the kernel's does: the
   user Makefile passes -DPAGE_SIZE. */
#ifndef PAGE_SIZE
#error "PAGE_SIZE must come from the build (hal/<arch>/arch.mk)"
#endif

struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type; /* 4 directory, 8 file */
	char d_name[];
};

#define STDIN 0
#define STDOUT 1
#define STDERR 2

long __syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);

long write(int fd, const void *buf, size_t len);
long read(int fd, void *buf, size_t len);
void exit(int code) __attribute__((noreturn));
long sched_yield(void);
long gettimeofday(struct timeval *tv, void *tz);
long task_info(struct task_info *info);
long getpid(void);
/* The parent's pid; an orphan's parent is initproc (pid 1). */
long getppid(void);
long fork(void);
/* Run program `path` with argv (NULL-terminated; may be NULL). Returns only on error. */
long exec(const char *path, char *const argv[]);
/* Wait (asleep) for child `pid` (-1: any) to exit; its pid, or -1 if there
   is no such child. */
long waitpid(long pid, int *exit_code);
long wait(int *exit_code);
long spawn(const char *path);
long set_priority(long prio);
/* ch5_stride0..5: count for 4 s at priority `prio`, print the count. */
int stride_count(long prio);
/* One byte from the console (waits for it). */
int getchar(void);
long sbrk(long increment);
long open(const char *path, int flags);
long close(int fd);
long fstat(int fd, struct stat *st);
long link(const char *old_path, const char *new_path);
long unlink(const char *path);
long mkdir(const char *path);
long rmdir(const char *path);
long chdir(const char *path);
long getcwd(char *buf, size_t size);
long getdents64(int fd, void *buf, size_t len);
long mmap(uint64_t start, uint64_t len, uint64_t prot);
long munmap(uint64_t start, uint64_t len);

/* Chapter 7: pipes, descriptors, signals, process groups. */
/* waitpid that does not sleep: -2 while the child still runs (rCore). */
long waitpid_nb(long pid, int *exit_code);
/* A copy of fd at the lowest free descriptor (the same open file). */
long dup(int fd);
/* fds[0] the read end, fds[1] the write end; 0, or a negative error. */
int pipe(int fds[2]);
long ioctl(int fd, unsigned long request, void *arg);
long kill(long pid, int signum);
/* Catch, ignore (SIG_IGN) or default (SIG_DFL) signal `signum`; oldact,
   if not NULL, gets the previous action. A handler is void f(int signum);
   it may return or end with sigreturn() (user/lib/signal.c). */
long sigaction(int signum, const struct sigaction *act, struct sigaction *oldact);
/* Set the whole mask of blocked signals (bit n: signal n); the old mask. */
long sigprocmask(uint32_t mask);
/* Leave a signal handler: resume what the signal interrupted. */
long sigreturn(void);
/* Process groups (pid 0: the caller; pgid 0: pgid = pid). */
long setpgid(long pid, long pgid);
long getpgid(long pid);
/* The console's foreground process group, the one Ctrl-C interrupts. */
long tcsetpgrp(int fd, long pgid);
long tcgetpgrp(int fd);

/* Chapter 8: threads (user/lib/thread.c). A thread runs fn(arg) on its own
   stack and ends with exit(code) or by returning code; exit from the main
   thread (tid 0), or returning from main, ends the whole process. */
typedef int (*thread_entry)(long arg);
/* The new thread's id (the lowest free one: 1, 2, ...), or negative. */
long thread_create(thread_entry fn, long arg);
long gettid(void);
/* Thread tid's exit code once it has ended (it yields until then); -1 for
   the caller itself or a tid that is not a thread of this process. */
long waittid(long tid);
/* The system call itself: -2 while tid still runs (rCore's semantics). */
long waittid_nb(long tid);
/* Printf from several threads: called by thread_create (user/lib/printf.c). */
void __printf_threads(void);

/* Synchronisation (user/lib/sync.c): ids per process, lowest free first;
   -1 for an unknown id. mutex_create makes a spinning mutex (it yields
   while it waits), mutex_blocking_create one whose waiters sleep. */
long mutex_create(void);
long mutex_blocking_create(void);
long mutex_lock(long id);
long mutex_unlock(long id); /* -1 if the caller does not hold it */
long semaphore_create(long count);
long semaphore_up(long id);
long semaphore_down(long id);
long condvar_create(void);
long condvar_signal(long id);
/* Unlock mutex_id, sleep until signalled, lock it again. */
long condvar_wait(long id, long mutex_id);
/* The lab: 1 on, 0 off (anything else -1). While on, mutex_lock and
   semaphore_down return DEADLOCK instead of making the process unsafe. */
long enable_deadlock_detect(long on);
#define DEADLOCK (-0xdead)

/* Chapter 6: disk n's request counts (abi/diskstat.h): 0 or -errno;
   drop_caches: write back, flush, forget every cached block (the number
   forgotten, or -errno), so the next read comes from the disk. */
long diskstat(long n, struct diskstat *st);
long drop_caches(void);
/* Chapter 9: the interrupt counts (abi/irqstat.h); the number of lines
   reported, or -errno. */
long irqstat(struct irqstat *st);
/* Chapter 9: input events, packed type << 48 | code << 32 | value (Linux
   input numbers); event_get: the next one, 0 if none; key_pressed: 1 if a
   key event waits; input_wait: sleep until an event waits (0), or -errno
   (-ETIMEDOUT after timeout_ms, -ENODEV with no input device). */
long event_get(void);
long key_pressed(void);
long input_wait(long timeout_ms);
/* Chapter 9: the range of a tablet's absolute axis (ABS_X, ABS_Y;
   abi/input.h): 0, or -ENODEV if no input device has that axis. */
long input_abs_info(long axis, struct input_absinfo *info);
/* Chapter 9, the screen (abi/fb.h): map the framebuffer (its address, or
   -errno: -ENODEV without a display); show all of it, or the rectangle
   (x, y, w, h) (-EINVAL outside the screen or before framebuffer());
   its size and layout. */
long framebuffer(void);
long framebuffer_flush(void);
long framebuffer_flush_rect(long x, long y, long w, long h);
long fb_info(struct fb_info *info);
/* Chapter 9, sockets (abi/socket.h; Linux's calls, -errno on failure).
   addrlen pointers are to a 32-bit length, as on Linux. */
long socket(int domain, int type, int protocol);
long bind(int fd, const struct sockaddr_in *addr, uint32_t addrlen);
long listen(int fd, int backlog);
long accept(int fd, struct sockaddr_in *addr, uint32_t *addrlen);
long connect(int fd, const struct sockaddr_in *addr, uint32_t addrlen);
long getsockname(int fd, struct sockaddr_in *addr, uint32_t *addrlen);
long getpeername(int fd, struct sockaddr_in *addr, uint32_t *addrlen);
long sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr_in *to,
	    uint32_t tolen);
long recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr_in *from,
	      uint32_t *fromlen);
long setsockopt(int fd, int level, int name, const void *value, uint32_t len);
long shutdown(int fd, int how);
/* Chapter 9: wait until one of fds is ready, or the timeout (NULL: none)
   passes; sigmask must be NULL. How many have revents, 0 at the timeout.
   poll: the same with a timeout in milliseconds (< 0: none). */
long ppoll(struct pollfd *fds, unsigned long nfds, const struct timespec *timeout,
	   const void *sigmask);
long poll(struct pollfd *fds, unsigned long nfds, long timeout_ms);
/* Byte order (our CPUs are little-endian; the network is big-endian). */
uint16_t htons(uint16_t v);
uint32_t htonl(uint32_t v);
#define ntohs htons
#define ntohl htonl
/* An IPv4 address "a.b.c.d" in network order in *out: 0, or -1. */
int inet_aton(const char *s, uint32_t *out);
/* An AF_INET address from "a.b.c.d" (or NULL: any) and a port. */
struct sockaddr_in sockaddr(const char *ip, int port);
/* Servers' set-up (net.c): tcp_listen - a TCP socket with SO_REUSEADDR,
   bound to `port` on every address and listening with `backlog`;
   udp_bind - a UDP socket bound to `port`. The descriptor, or -errno. */
long tcp_listen(int port, int backlog);
long udp_bind(int port);

/* A user-level context (stackful_coroutine): the callee-saved registers,
   stack pointer and return address, laid out per arch in
   user/lib/<arch>/coro.S. coro_init makes `c` start entry() on the stack
   ending at stack_top; entry must never return. coro_switch saves the
   caller in `from` and continues `to`. */
struct coro {
	uint64_t regs[16];
};
void coro_init(struct coro *c, void *stack_top, void (*entry)(void));
void coro_switch(struct coro *from, const struct coro *to);

/* Send the caller SIGABRT (exit code -6), as rCore's panic does. */
void abort(void) __attribute__((noreturn));

/* Privileged instructions, to be killed for (user/lib/<arch>/priv.S):
   priv_reg_write writes a supervisor register (riscv64 sstatus, aarch64
   SCTLR_EL1, loongarch64 CRMD, x86_64 CR3); priv_return executes the
   return-from-trap instruction (sret, eret, ertn; hlt on x86_64, whose
   iretq is allowed in user mode). Neither returns in user mode. */
void priv_reg_write(void);
void priv_return(void);

/* Milliseconds since boot; -1 on error. */
long get_time(void);
/* Yield until `ms` milliseconds have passed (any chapter: rCore's sleep). */
void sleep_ms(long ms);
/* Sleep `ms` milliseconds without using the CPU (chapter 5+: sleep, 101). */
long sleep(long ms);

/* Code that can run from anywhere (user/lib/<arch>/code.S): ret42()
   returns 42 and ends at ret42_end; sync_icache makes stores to
   [va, va + len) visible to instruction fetches. call_copy copies ret42 to
   `where` (16-byte aligned), syncs and calls the copy: it returns 42 if
   that memory is executable; if not, the fetch faults and the kernel
   kills the program. */
int ret42(void);
extern const char ret42_end[];
void sync_icache(void *va, size_t len);
int call_copy(void *where);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int puts(const char *s);
/* Write out what printf has buffered (it flushes at each newline). */
void flush(void);
/* A lab test's OK line, with the grader's token in a grading build
   (user/lib/grade.c); start a program by spawn, or by fork + exec if
   spawn fails (the spawn lab is not done yet). */
void test_ok(const char *line);
long start_program(const char *name);
/* Run each program in turn and report its exit code (the chN_labtest
   programs, which make grade boots as the first process); from chapter
   7, limit_ms > 0 kills a program still running after so long. */
int run_labtests(const char *chapter, const char *names[], int n, long limit_ms);

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int memcmp(const void *a, const void *b, size_t n);
char *strcpy(char *dst, const char *src);
/* Argument i of a program (string.c): dflt if there are fewer
   arguments, -1 if it is not a decimal number (at most 9 digits). */
long number_arg(int argc, char **argv, int i, long dflt);

/* Like C's assert, but always on: prints where and exits with -1. */
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__))
void __assert_fail(const char *expr, const char *file, int line) __attribute__((noreturn));

#endif
