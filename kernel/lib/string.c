/*
 * string.c - the memory and string functions the kernel (and the compiler,
 * which may emit calls to memcpy/memset) needs.
 */
#include "lib/lib.h"

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	if ((((uintptr_t)d | n) & 7) == 0) { /* whole words: pages, tables */
		uint64_t w = (unsigned char)c * 0x0101010101010101UL;
		for (; n; n -= 8, d += 8)
			*(uint64_t *)d = w;
		return dst;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((((uintptr_t)d | (uintptr_t)s | n) & 7) == 0) {
		/* four words a turn: under QEMU a loop's own instructions cost
		   as much as the copying (blocks, pages, the block cache) */
		for (; n >= 32; n -= 32, d += 32, s += 32) {
			uint64_t w0 = ((const uint64_t *)s)[0], w1 = ((const uint64_t *)s)[1];
			uint64_t w2 = ((const uint64_t *)s)[2], w3 = ((const uint64_t *)s)[3];
			((uint64_t *)d)[0] = w0;
			((uint64_t *)d)[1] = w1;
			((uint64_t *)d)[2] = w2;
			((uint64_t *)d)[3] = w3;
		}
		for (; n; n -= 8, d += 8, s += 8)
			*(uint64_t *)d = *(const uint64_t *)s;
		return dst;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

char *strncpy_safe(char *dst, const char *src, size_t cap)
{
	size_t i = 0;
	if (cap == 0)
		return dst;
	for (; i + 1 < cap && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return dst;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (*s == '\0')
			return (char *)last;
	}
}

/* A decimal number (lwIP's netif_find reads one from an interface name). */
int atoi(const char *s)
{
	int sign = 1, v = 0;
	if (*s == '-') {
		sign = -1;
		s++;
	}
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return sign * v;
}
