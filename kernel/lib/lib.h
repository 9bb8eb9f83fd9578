/*
 * lib.h - the kernel's small C library: strings, formatted output, and the
 * log macros and panic().
 */
#ifndef LIB_H
#define LIB_H

#include <stdarg.h>
#include "hal.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Copy at most cap-1 characters and always NUL-terminate. */
char *strncpy_safe(char *dst, const char *src, size_t cap);

int vprintf(const char *fmt, va_list ap);
/* Write n bytes to the console (the UART) and to its mirror, if any.
   `may_sleep`: the caller is a thread that may sleep here (a program's
   write); the kernel's printf is not. */
void console_write(const char *s, size_t n, bool may_sleep);
/* Send every later console_write to m too (chapter 9: the screen); m
   first gets the last few KiB written before. */
typedef void (*console_mirror)(const char *s, size_t n, bool may_sleep);
void console_set_mirror(console_mirror m);
int vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
int snprintf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define panic(...) panic_at(__FILE__, __LINE__, __VA_ARGS__)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ROUND_UP(x, a) (((x) + (a)-1) / (a) * (a))
#define ROUND_DOWN(x, a) ((x) / (a) * (a))

#include "lib/log.h"

#endif
