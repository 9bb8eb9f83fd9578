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
/* A driver has `delta` more (or fewer) requests at a device whose
   answer will come as an interrupt soon. */
void irq_expect(int delta);
/* With such requests out, wait for an interrupt awake, interrupts on,
   for at most `ticks` of hal_time(); true if one came. (The idle loop
   does this before halting: under QEMU, waking a halted CPU costs tens of
   microseconds, more than a disk answer takes.) */
bool irq_wait_awake(uint64_t ticks);
/* Fill `st` (syscall irqstat). */
void irq_stat(struct irqstat *st);
/* Log the counts (at power-off, LOG=info). */
void irq_log(void);

#endif
