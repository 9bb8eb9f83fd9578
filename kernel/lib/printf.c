/*
 * printf.c - formatted output for the kernel.
 *
 * Supports %d %i %u %x %X %o %p %s %c %% with the l/ll/z length modifiers,
 * a field width, '0' padding and '-' left alignment. Output goes through
 * a small "sink" so printf() and snprintf() share the formatter.
 */
#include <stdarg.h>
#include "hal.h"
#include "lib/lib.h"

struct sink {
	char *buf;  /* NULL: write to the console */
	size_t cap; /* room in buf, including the final NUL */
	size_t len; /* characters produced so far */
};

static void emit(struct sink *s, char c)
{
	if (s->buf == NULL)
		hal_console_putc(c);
	else if (s->len + 1 < s->cap)
		s->buf[s->len] = c;
	s->len++;
}

static void emit_padded(struct sink *s, const char *str, int n, int width, bool left, char pad)
{
	if (!left)
		for (int i = n; i < width; i++)
			emit(s, pad);
	for (int i = 0; i < n; i++)
		emit(s, str[i]);
	if (left)
		for (int i = n; i < width; i++)
			emit(s, ' ');
}

static void emit_number(struct sink *s, uint64_t v, int base, bool neg, bool upper, int width,
			bool left, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	if (neg && pad == '0') {
		emit(s, '-');
		width--;
	} else if (neg) {
		tmp[n++] = '-';
	}
	char out[24];
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	emit_padded(s, out, n, width, left, pad);
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(s, *fmt);
			continue;
		}
		fmt++;
		bool left = false;
		char pad = ' ';
		int width = 0, lng = 0;
		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = true;
			else
				pad = '0';
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng++;
		if (left)
			pad = ' ';
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			emit_number(s, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, false, width,
				    left, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
			int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			emit_number(s, v, base, false, *fmt == 'X', width, left, pad);
			break;
		}
		case 'p':
			emit(s, '0');
			emit(s, 'x');
			emit_number(s, (uint64_t)va_arg(ap, void *), 16, false, false, width, left,
				    pad);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (str == NULL)
				str = "(null)";
			emit_padded(s, str, strlen(str), width, left, ' ');
			break;
		}
		case 'c':
			emit(s, (char)va_arg(ap, int));
			break;
		case '%':
			emit(s, '%');
			break;
		case '\0':
			return;
		default:
			emit(s, '%');
			emit(s, *fmt);
			break;
		}
	}
}

int vprintf(const char *fmt, va_list ap)
{
	struct sink s = {NULL, 0, 0};
	format(&s, fmt, ap);
	return s.len;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct sink s = {buf, cap, 0};
	format(&s, fmt, ap);
	if (cap > 0)
		buf[s.len < cap ? s.len : cap - 1] = '\0';
	return s.len;
}

int snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}
