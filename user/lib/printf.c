/*
 * printf.c - formatted console output for user programs.
 *
 * Output is line-buffered like rCore's user console: bytes collect in a
 * buffer that is written with one write(1, ...) at each newline, when it
 * is full, and at exit. (ch3_taskinfo counts those writes.)
 *
 * Once a program has started a thread (chapter 8) that one buffer would be
 * shared by threads that preempt each other, so from then on each printf
 * call formats into a buffer on its own stack and writes it at once:
 * a line printed with one call comes out whole.
 */
#include "ulib.h"

static char outbuf[1024];
static size_t outlen;
static int threads; /* set once the program has started a thread */

void __printf_threads(void)
{
	if (!threads)
		flush();
	threads = 1;
}

void flush(void)
{
	if (outlen > 0)
		write(STDOUT, outbuf, outlen);
	outlen = 0;
}

struct sink {
	char *buf; /* NULL: the console buffer */
	size_t cap, len;
	char *local; /* not NULL: this call's own buffer (threads), LOCAL bytes */
	size_t used;
};

#define LOCAL 256

static void emit(struct sink *s, char c)
{
	if (s->local != NULL) {
		s->local[s->used++] = c;
		if (s->used == LOCAL) {
			write(STDOUT, s->local, s->used);
			s->used = 0;
		}
	} else if (s->buf == NULL) {
		outbuf[outlen++] = c;
		if (c == '\n' || outlen == sizeof(outbuf))
			flush();
	} else if (s->len + 1 < s->cap) {
		s->buf[s->len] = c;
	}
	s->len++;
}

static void emit_num(struct sink *s, uint64_t v, int base, int neg, int width, char pad, int left)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	int total = n;
	if (!left)
		for (int i = total; i < width; i++)
			emit(s, pad);
	while (n)
		emit(s, tmp[--n]);
	if (left)
		for (int i = total; i < width; i++)
			emit(s, ' ');
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(s, *fmt);
			continue;
		}
		fmt++;
		int left = 0, width = 0, lng = 0;
		char pad = ' ';
		if (*fmt == '-')
			left = 1, fmt++;
		if (*fmt == '0')
			pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z')
			lng++, fmt++;
		switch (*fmt) {
		case 'd': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			emit_num(s, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad,
				 left);
			break;
		}
		case 'u':
		case 'x': {
			uint64_t v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			emit_num(s, v, *fmt == 'u' ? 10 : 16, 0, width, pad, left);
			break;
		}
		case 'p':
			emit(s, '0');
			emit(s, 'x');
			emit_num(s, (uint64_t)va_arg(ap, void *), 16, 0, width, pad, left);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			size_t n = strlen(str ? str : "(null)");
			if (!left)
				for (size_t i = n; (int)i < width; i++)
					emit(s, ' ');
			for (const char *p = str ? str : "(null)"; *p; p++)
				emit(s, *p);
			if (left)
				for (size_t i = n; (int)i < width; i++)
					emit(s, ' ');
			break;
		}
		case 'c':
			emit(s, (char)va_arg(ap, int));
			break;
		case '\0':
			return;
		default:
			emit(s, *fmt);
			break;
		}
	}
}

int vprintf(const char *fmt, va_list ap)
{
	char local[LOCAL];
	struct sink s = {NULL, 0, 0, threads ? local : NULL, 0};
	format(&s, fmt, ap);
	if (s.local != NULL && s.used > 0)
		write(STDOUT, s.local, s.used);
	return (int)s.len;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct sink s = {buf, cap, 0, NULL, 0};
	format(&s, fmt, ap);
	va_end(ap);
	if (cap)
		buf[s.len < cap ? s.len : cap - 1] = '\0';
	return (int)s.len;
}

int puts(const char *str)
{
	return printf("%s\n", str);
}
