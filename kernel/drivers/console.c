/*
 * console.c - console input (chapter 3+; read from chapter 5). Bytes from the UART go into a
 * small ring buffer; a reader takes what is there, or sleeps until a byte
 * comes. Until chapter 9 brings the UART's receive interrupt, the buffer
 * is filled by polling: the scheduler calls console_poll() at least once a
 * time slice, and while a reader waits the idle CPU wakes up for it every
 * 10 ms (clock.c).
 */
#include "task/task.h"

#define CONSOLE_BUF 256

static char buf[CONSOLE_BUF];
static uint32_t head, tail; /* bytes [tail, head) are waiting */
static struct waitq readers;

void console_poll(void)
{
	int c;
	bool got = false;
	while ((c = hal_console_getc()) >= 0) {
		if (head - tail < CONSOLE_BUF) /* full: the byte is dropped */
			buf[head++ % CONSOLE_BUF] = (char)c;
		got = true;
	}
	if (got)
		wait_wake_all(&readers);
}

bool console_has_readers(void)
{
	return !wait_empty(&readers);
}

size_t console_read(char *dst, size_t n)
{
	console_poll();
	while (head == tail) {
		wait_sleep(&readers);
		console_poll();
	}
	size_t got = 0;
	while (got < n && tail != head)
		dst[got++] = buf[tail++ % CONSOLE_BUF];
	return got;
}
