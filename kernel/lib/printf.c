/*
 * printf.c - formatted output for the kernel.
 *
 * Supports %d %i %u %x %X %o %p %s %c %% with the l/ll/z length modifiers,
 * a field width, '0' padding and '-' left alignment. Output goes through
 * a small "sink" so printf() and snprintf() share the formatter.
 *
 * console_write() is the one way out to the console, for the kernel's
 * printf and for the programs' writes alike: the UART, then a mirror if
 * one is set (chapter 9: the text console on the screen, drivers/fbcon.c).
 * The last CONSOLE_RECENT bytes are kept, so a mirror set late in the boot
 * still shows its beginning.
 */
#include <stdarg.h>
#include "hal.h"
#include "lib/lib.h"

#define CONSOLE_RECENT 4096 /* bytes of output kept for a late mirror */
#define PRINTF_CHUNK 128    /* printf hands the console this much at a time */

static console_mirror mirror;
static char recent[CONSOLE_RECENT];
static uint64_t recent_len; /* bytes ever written; the last ones are in recent[] */

void console_write(const char *s, size_t n, bool may_sleep)
{
	for (size_t i = 0; i < n; i++) {
		hal_console_putc(s[i]);
		recent[recent_len++ % CONSOLE_RECENT] = s[i];
	}
	if (mirror != NULL)
		mirror(s, n, may_sleep);
}

void console_set_mirror(console_mirror m)
{
	/* what was written before, oldest first: at most the last CONSOLE_RECENT bytes */
	uint64_t from = recent_len > CONSOLE_RECENT ? recent_len - CONSOLE_RECENT : 0;
	for (uint64_t i = from; i < recent_len;) {
		uint64_t at = i % CONSOLE_RECENT;
		uint64_t n =
		    recent_len - i < CONSOLE_RECENT - at ? recent_len - i : CONSOLE_RECENT - at;
		m(recent + at, n, false);
		i += n;
	}
	mirror = m;
}

struct sink {
	char *buf;		  /* NULL: write to the console, PRINTF_CHUNK bytes at a time */
	size_t cap;		  /* room in buf, including the final NUL */
	size_t len;		  /* characters produced so far */
	char chunk[PRINTF_CHUNK]; /* for the console: not yet written */
	size_t chunk_len;
};

static void emit(struct sink *s, char c)
{
	if (s->buf == NULL) {
		s->chunk[s->chunk_len++] = c;
		if (s->chunk_len == PRINTF_CHUNK) {
			console_write(s->chunk, s->chunk_len, false);
			s->chunk_len = 0;
		}
	} else if (s->len + 1 < s->cap) {
		s->buf[s->len] = c;
	}
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
	struct sink s = {.buf = NULL};
	format(&s, fmt, ap);
	console_write(s.chunk, s.chunk_len, false);
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
	struct sink s = {.buf = buf, .cap = cap};
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
