/*
 * irqstat.h - what irqstat (syscall 2100, chapter 9) reports: interrupt
 * counts per line, the timer's, how often drivers had to busy-wait, and
 * how many disk requests were at the device at once at most (since the
 * previous irqstat call, by any process: a peak that each call restarts).
 * Shared by the kernel and user programs.
 */
#ifndef ABI_IRQSTAT_H
#define ABI_IRQSTAT_H

#include <stdint.h>

#define IRQSTAT_LINES 16 /* lines reported at most */

struct irqstat_line {
	int32_t line;	 /* the controller's number (see docs/ch9.md) */
	uint32_t masked; /* 1: masked by the kernel (no handler) */
	uint64_t count;	 /* interrupts taken */
	char name[16];	 /* who handles it: "uart", "vda", ... ("?" if nobody) */
};

struct irqstat {
	uint64_t timer;		     /* timer interrupts taken */
	uint64_t busy_waits;	     /* polling loops of drivers since the scheduler started */
	uint64_t unhandled;	     /* interrupts on lines with no handler */
	uint32_t nlines;	     /* entries of line[] in use */
	uint32_t disk_in_flight_max; /* most disk requests at the device at once since the previous irqstat call */
	struct irqstat_line line[IRQSTAT_LINES];
};

#endif
