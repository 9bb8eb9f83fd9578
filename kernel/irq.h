/*
 * irq.h - device interrupts (chapter 9): which handler serves which line,
 * and the counts irqstat reports. The hal claims an interrupt and hands us
 * its line (hal.h, "Interrupt controller"); irq_dispatch() runs the line's
 * handlers and ends the interrupt.
 */
#ifndef IRQ_H
#define IRQ_H

#include "lib/lib.h"
#include "abi/irqstat.h"

#define IRQ_LINES 128 /* lines 0..127: every controller we drive fits */
#define IRQ_SHARED 4  /* handlers on one line (PCI INTx lines are shared) */

typedef void (*irq_handler)(void *arg);
/* How the idle loop looks for a device's answers (irq_idle_poll). */
enum irq_poll_step {
	IRQ_POLL_BEGIN, /* the loop starts looking: the device may stay quiet */
	IRQ_POLL_LOOK,	/* look once (in memory, no device register) */
	IRQ_POLL_END,	/* the loop stops: interrupt again, and look once more */
};
typedef void (*irq_poller)(void *arg, enum irq_poll_step step);

/* Set up the interrupt controller (chapter 9, at boot); from then on
   drivers may take interrupts instead of polling. */
void irq_init(void);
/* Did irq_init() run (are device interrupts available)? */
bool irq_ready(void);
/* Call handler(arg) for every interrupt on `line` and unmask the line.
   `name` is for irqstat. 0, or -1 (with a message) if the line is out of
   range or has IRQ_SHARED handlers already. */
int irq_register(int line, irq_handler handler, void *arg, const char *name);
/* An interrupt on `line` (from the trap code): count it, run every
   handler of the line, end it. A line nobody handles is masked, with a
   warning. True if a handler woke a thread (which may then want the CPU
   before the interrupted one's slice ends). */
bool irq_dispatch(int line);
/* A thread was made runnable (wait.c tells, for irq_dispatch). */
void irq_note_wakeup(void);
/* A timer interrupt was taken (for the counts). */
void irq_count_timer(void);
/* A driver polled a device once more while a thread waited, which could
   have slept instead (for the counts; polling at boot, before threads
   run, does not count). */
void irq_count_busy_wait(void);
/* A disk driver has `n` requests at the device now (for the counts). */
void irq_note_disk_in_flight(int n);
/* A driver has `delta` more (or fewer) requests at a device on `line`
   whose answer will come soon (a disk's, not a keyboard's); poll(arg,
   step) looks for answers in memory (a virtqueue's used ring), without
   reading a device register: under QEMU every register access takes the
   lock the device's own completion work needs. */
void irq_expect(int line, int delta, irq_poller poll, void *arg);
/* With such answers expected, run the lines' poll functions (BEGIN, then
   LOOK over and over, then END), for at most `ticks` of hal_time(), until one wakes a thread;
   true if one did. The idle loop does this before halting: under QEMU,
   an answer is seen sooner by looking than by an interrupt, and a halted
   CPU costs tens of microseconds to wake. With nothing expected it
   returns false at once. */
bool irq_idle_poll(uint64_t ticks);
/* Fill `st` (syscall irqstat). */
void irq_stat(struct irqstat *st);
/* Log the counts (at power-off, LOG=info). */
void irq_log(void);

#endif
