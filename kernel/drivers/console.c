/*
 * console.c - console input (chapter 3+; read from chapter 5). Bytes from
 * the UART go into a small ring buffer; a reader takes what is there, or
 * sleeps until a byte comes. Until chapter 9 the buffer is filled by
 * polling: the scheduler calls console_poll() at least once a time
 * slice, and while a reader waits the idle CPU wakes up for it every
 * 10 ms (clock.c). From chapter 9 the UART's receive interrupt calls it
 * (console_irq_init), and nothing polls; keys typed on a keyboard come
 * in too (console_input, from drivers/virtio_input.c).
 *
 * From chapter 7 the console has a foreground process group (set by the
 * shell with ioctl TIOCSPGRP): Ctrl-C (byte 0x03) typed while there is
 * one sends it SIGINT instead of being read.
 */
#include "task/task.h"
#include "irq.h"

#define CONSOLE_BUF 1024
#define CTRL_C 0x03

static char buf[CONSOLE_BUF];
static uint32_t head, tail; /* bytes [tail, head) are waiting */
static struct waitq readers;
static int fg_pgid;	/* 0: no foreground group */
static bool irq_driven; /* chapter 9: the receive interrupt fills buf */

/* A byte of input into the buffer; false if it was Ctrl-C, sent as SIGINT. */
static bool take(char c)
{
	if (c == CTRL_C && fg_pgid != 0 && signal_send_group(fg_pgid, SIGINT) == 0)
		return false;
	if (head - tail < CONSOLE_BUF) /* full: the byte is dropped */
		buf[head++ % CONSOLE_BUF] = c;
	return true;
}

void console_poll(void)
{
	int c;
	bool got = false;
	while ((c = hal_console_getc()) >= 0)
		got |= take((char)c);
	if (got) {
		wait_wake_all(&readers);
		wait_wake_pollers();
	}
}

void console_input(char c)
{
	if (take(c)) {
		wait_wake_all(&readers);
		wait_wake_pollers();
	}
}

bool console_has_input(void)
{
	return head != tail;
}

bool console_wants_poll(void)
{
	return !irq_driven && (!wait_empty(&readers) || !wait_empty(&poll_waiters) || fg_pgid != 0);
}

static void console_intr(void *unused)
{
	(void)unused;
	console_poll();
}

void console_irq_init(void)
{
	int line = hal_console_irq();
	if (line < 0) {
		warn("console: the UART has no interrupt; polling it");
		return;
	}
	if (FAULT_IRQ) {
		/* FAULT=irq (for the tests): the line on, nobody to handle it;
		   irq_dispatch masks it at the first key, and we poll */
		warn("console: FAULT=irq: line %d enabled without a handler", line);
		hal_irq_enable(line);
		return;
	}
	if (irq_register(line, console_intr, NULL, "uart") == 0)
		irq_driven = true;
}

long console_read(char *dst, size_t n)
{
	console_poll();
	while (head == tail) {
		if (wait_sleep_intr(&readers) != 0)
			return -EINTR;
		console_poll();
	}
	size_t got = 0;
	while (got < n && tail != head)
		dst[got++] = buf[tail++ % CONSOLE_BUF];
	return got;
}

void console_set_fg(int pgid)
{
	fg_pgid = pgid;
}

int console_fg(void)
{
	return fg_pgid;
}
