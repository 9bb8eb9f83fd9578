/*
 * ulib.h - the user library: system calls, console output, strings and
 * the structures the kernel shares with user programs.
 */
#ifndef ULIB_H
#define ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "sysnum.h"

/* The kernel's page size: 16 KiB on loongarch64, 4 KiB elsewhere. */
#if defined(__loongarch__)
#define PAGE_SIZE 16384UL
#else
#define PAGE_SIZE 4096UL
#endif

/* open flags (rCore's) */
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREATE (1 << 9)
#define O_TRUNC (1 << 10)
#define AT_FDCWD (-100)
#define AT_REMOVEDIR 0x200

struct stat {
	uint64_t dev, ino;
	uint32_t mode, nlink;
	uint64_t pad[7];
};
#define S_IFDIR 0040000
#define S_IFREG 0100000

struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type; /* 4 directory, 8 file */
	char d_name[];
};

#define STDIN 0
#define STDOUT 1

struct timeval {
	uint64_t sec;
	uint64_t usec;
};

/* task_info (410): the chapter 3 lab. */
#define MAX_SYSCALL_NUM 500
enum task_status { TASK_UNINIT, TASK_READY, TASK_RUNNING, TASK_EXITED };
struct task_info {
	uint32_t status; /* enum task_status */
	uint32_t syscall_times[MAX_SYSCALL_NUM];
	uint64_t time; /* ms since the task first ran */
};

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

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int memcmp(const void *a, const void *b, size_t n);
char *strcpy(char *dst, const char *src);

/* Like C's assert, but always on: prints where and exits with -1. */
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__))
void __assert_fail(const char *expr, const char *file, int line) __attribute__((noreturn));

#endif
