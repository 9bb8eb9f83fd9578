/*
 * irq.c - the table of interrupt lines (chapter 9): handlers, counts, and
 * what to do with an interrupt nobody asked for.
 *
 * The hal claims an interrupt and reports its line with the trap; both
 * trap paths (user mode: handle_user_trap, kernel and idle: kernel_trap)
 * call irq_dispatch(), which runs every handler registered on the line (a
 * PCI INTx line can be shared: each handler checks its own device) and
 * ends the interrupt with hal_irq_eoi(). Handlers run with interrupts off
 * and must not sleep: they take what the device has and wake the threads
 * that wait for it. Before chapter 9 no line is enabled, so this only
 * guards against the impossible.
 */
#include "irq.h"

struct line {
	int nhandlers;
	irq_handler handler[IRQ_SHARED];
	void *arg[IRQ_SHARED];
	char name[16];
	uint64_t count;
	bool masked; /* by irq_dispatch: nobody handles it */
};

static struct line lines[IRQ_LINES];
static bool ready;
static uint64_t timer_count, busy_waits, unhandled;
static int disk_in_flight_max;
static uint64_t dispatched; /* interrupts taken on every line */
static int expected;	    /* requests whose answer will interrupt */
static uint64_t awake_waits, awake_hits;
static uint64_t wakeups; /* threads made runnable, by anyone */

void irq_init(void)
{
	hal_irq_init();
	ready = true;
}

bool irq_ready(void)
{
	return ready;
}

int irq_register(int line, irq_handler handler, void *arg, const char *name)
{
	if (line < 0 || line >= IRQ_LINES) {
		error("irq: %s asks for line %d, outside 0..%d", name, line, IRQ_LINES - 1);
		return -1;
	}
	struct line *l = &lines[line];
	if (l->nhandlers == IRQ_SHARED) {
		error("irq: line %d already has %d handlers; %s not added", line, IRQ_SHARED, name);
		return -1;
	}
	l->handler[l->nhandlers] = handler;
	l->arg[l->nhandlers] = arg;
	l->nhandlers++;
	if (l->name[0] == '\0')
		strncpy_safe(l->name, name, sizeof(l->name));
	else if (strlen(l->name) + strlen(name) + 2 <= sizeof(l->name))
		snprintf(l->name + strlen(l->name), sizeof(l->name) - strlen(l->name), ",%s", name);
	l->masked = false;
	hal_irq_enable(line);
	info("irq: line %d: %s", line, name);
	return 0;
}

void irq_note_wakeup(void)
{
	wakeups++;
}

bool irq_dispatch(int line)
{
	if (line < 0 || line >= IRQ_LINES) {
		warn("irq: interrupt on line %d, which we do not drive; ignored", line);
		unhandled++;
		hal_irq_eoi(line);
		return false;
	}
	uint64_t woken_before = wakeups;
	struct line *l = &lines[line];
	l->count++;
	dispatched++;
	if (l->nhandlers == 0) {
		/* Nobody will quiet the device: a level-triggered line would
		   fire again at once, forever. Mask it. */
		unhandled++;
		if (!l->masked)
			warn("irq: interrupt on line %d, which has no handler: line masked", line);
		l->masked = true;
		hal_irq_disable(line);
	}
	for (int i = 0; i < l->nhandlers; i++)
		l->handler[i](l->arg[i]);
	hal_irq_eoi(line);
	return wakeups != woken_before;
}

void irq_expect(int delta)
{
	expected += delta;
}

bool irq_wait_awake(uint64_t ticks)
{
	if (expected <= 0)
		return false;
	uint64_t before = dispatched, until = hal_time() + ticks;
	awake_waits++;
	hal_intr_on();
	while (dispatched == before && hal_time() < until)
		;
	hal_intr_off();
	if (dispatched == before)
		return false;
	awake_hits++;
	return true;
}

void irq_count_timer(void)
{
	timer_count++;
}

void irq_count_busy_wait(void)
{
	busy_waits++;
}

void irq_note_disk_in_flight(int n)
{
	if (n > disk_in_flight_max)
		disk_in_flight_max = n;
}

void irq_stat(struct irqstat *st)
{
	memset(st, 0, sizeof(*st));
	st->timer = timer_count;
	st->busy_waits = busy_waits;
	st->unhandled = unhandled;
	st->disk_in_flight_max = (uint32_t)disk_in_flight_max;
	disk_in_flight_max = 0; /* a peak per call */
	for (int i = 0; i < IRQ_LINES && st->nlines < IRQSTAT_LINES; i++) {
		struct line *l = &lines[i];
		if (l->nhandlers == 0 && l->count == 0)
			continue;
		struct irqstat_line *out = &st->line[st->nlines++];
		out->line = i;
		out->masked = l->masked;
		out->count = l->count;
		strncpy_safe(out->name, l->nhandlers > 0 ? l->name : "?", sizeof(out->name));
	}
}

void irq_log(void)
{
	if (!ready)
		return;
	info("irq: timer: %lu interrupts; driver busy-wait loops after boot: %lu", timer_count,
	     busy_waits);
	info("irq: idle waits awake for an expected interrupt: %lu, of which answered: %lu",
	     awake_waits, awake_hits);
	for (int i = 0; i < IRQ_LINES; i++)
		if (lines[i].nhandlers > 0 || lines[i].count > 0)
			info("irq: line %d (%s): %lu interrupts%s", i,
			     lines[i].nhandlers > 0 ? lines[i].name : "no handler", lines[i].count,
			     lines[i].masked ? ", masked" : "");
}
