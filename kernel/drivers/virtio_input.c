/*
 * virtio_input.c - virtio input devices (chapter 9): keyboards, mice and
 * tablets, interrupt-driven.
 *
 * The device reports Linux input events (type, code, value: EV_KEY for a
 * key or a button, EV_REL/EV_ABS for motion, EV_SYN ending a group). We
 * give it EVENT_BUFS buffers of one event each on its event queue (0);
 * it fills one per event and interrupts. The handler takes the filled
 * buffers, appends their events to one ring shared by every input device
 * and gives the buffers back. Programs read the ring with event_get and
 * key_pressed (syscalls 3000, 3001), or sleep until it has an event
 * (input_wait, 3002).
 *
 * Who gets the events: the process that asked for them (input_claim: its
 * first input call, or mapping the framebuffer), until it exits. While no
 * process has them, a key pressed on a keyboard types its character
 * (keyboard.c) on the console, into the same input buffer as the UART's
 * bytes, and the events themselves are dropped.
 */
#include "drivers/virtio.h"
#include "drivers/input.h"
#include "task/task.h"
#include "irq.h"

#define MAX_INPUTS 4
#define EVENT_BUFS 64 /* buffers on a device's event queue */
#define RING 256      /* events waiting for a program (a power of 2) */
#define CFG_SELECT 0  /* config: what to ask */
#define CFG_SUBSEL 1
#define CFG_SIZE 2	     /* the answer's size */
#define CFG_DATA 8	     /* the answer */
#define SELECT_NAME 0x01     /* the device's name */
#define SELECT_EV_BITS 0x11  /* subsel an event type: a bitmap of its codes */
#define SELECT_ABS_INFO 0x12 /* subsel an axis: its struct input_absinfo */
#define NAXES 2		     /* the absolute axes we ask about: ABS_X, ABS_Y */

struct virtio_input_event {
	uint16_t type;
	uint16_t code;
	uint32_t value;
};

struct vinput {
	struct virtio_dev *dev;
	struct virtq q;
	char name[32];
	bool has_abs[NAXES];			  /* a tablet: positions on these axes */
	struct input_absinfo abs[NAXES];	  /* and their ranges */
	struct virtio_input_event ev[EVENT_BUFS]; /* static: has a physical address */
	int buf_of[VIRTQ_MAX_SIZE];		  /* chain head -> ev[] index */
};

static struct vinput inputs[MAX_INPUTS];
static int ninputs;

/* The events no program has taken yet: [tail, head). */
static uint64_t ring[RING];
static uint32_t head, tail;
static uint64_t dropped;
static struct waitq waiting;
/* The pid of the process the events are for; 0: none, the keys type on
   the console. */
static int owner;

static void give(struct vinput *v, int i)
{
	struct virtq_buf b = {&v->ev[i], sizeof(v->ev[i]), true};
	int h = virtq_submit(&v->q, &b, 1);
	if (h < 0)
		warn("%s: cannot give event buffer %d back", v->name, i);
	else
		v->buf_of[h] = i;
}

/* Is the owner still there? (It loses the events when it exits.) */
static bool owned(void)
{
	struct proc *p = owner != 0 ? proc_get(owner) : NULL;
	if (p == NULL || p->state != PROC_ALIVE)
		owner = 0;
	return owner != 0;
}

void input_claim(int pid)
{
	if (owned())
		return;
	owner = pid;
	tail = head; /* what came before was not for it */
}

/* The device's interrupt: every filled buffer's event into the ring for
   the owner, or, without one, a key's character to the console; the
   buffer back to the device. */
static void vinput_intr(void *arg)
{
	struct vinput *v = arg;
	if (v->dev->t->ack_interrupt(v->dev) == 0)
		return;
	int got = 0, h;
	bool keep = owned();
	while ((h = virtq_poll(&v->q, NULL)) >= 0) {
		int i = v->buf_of[h];
		struct virtio_input_event e = v->ev[i];
		give(v, i);
		int c = e.type == EV_KEY ? keyboard_key(e.code, e.value) : -1;
		if (!keep) {
			if (c >= 0)
				console_input((char)c);
			continue;
		}
		uint64_t packed = (uint64_t)e.type << 48 | (uint64_t)e.code << 32 | e.value;
		if (head - tail < RING)
			ring[head++ % RING] = packed;
		else
			dropped++; /* nobody reads: the oldest stay */
		got++;
	}
	if (got > 0)
		wait_wake_all(&waiting);
}

uint64_t input_event_get(void)
{
	if (head == tail)
		return 0;
	return ring[tail++ % RING];
}

bool input_key_pressed(void)
{
	for (uint32_t i = tail; i != head; i++)
		if (ring[i % RING] >> 48 == EV_KEY)
			return true;
	return false;
}

int input_wait(uint64_t deadline)
{
	while (head == tail) {
		if (ninputs == 0)
			return -ENODEV;
		if (signal_pending(current_thread()))
			return -EINTR;
		if (hal_time() >= deadline)
			return -ETIMEDOUT;
		clock_wait_until(&waiting, deadline);
	}
	return 0;
}

int input_count(void)
{
	return ninputs;
}

/* The device's name, from its configuration space. */
static void read_name(struct vinput *v)
{
	struct virtio_dev *d = v->dev;
	snprintf(v->name, sizeof(v->name), "%s", d->name);
	d->t->config_write8(d, CFG_SELECT, SELECT_NAME);
	d->t->config_write8(d, CFG_SUBSEL, 0);
	int n = (int)virtio_config_read(d, CFG_SIZE, 1);
	if (n <= 0)
		return;
	if (n > (int)sizeof(v->name) - 1)
		n = sizeof(v->name) - 1;
	for (int i = 0; i < n; i++)
		v->name[i] = (char)virtio_config_read(d, CFG_DATA + i, 1);
	v->name[n] = '\0';
}

int input_abs_info(uint32_t axis, struct input_absinfo *out)
{
	for (int i = 0; i < ninputs && axis < NAXES; i++)
		if (inputs[i].has_abs[axis]) {
			*out = inputs[i].abs[axis];
			return 0;
		}
	return -ENODEV;
}

/* Ask the configuration space `select`/`subsel`: the answer's size. */
static int config_ask(struct virtio_dev *d, uint8_t select, uint8_t subsel)
{
	d->t->config_write8(d, CFG_SELECT, select);
	d->t->config_write8(d, CFG_SUBSEL, subsel);
	return (int)virtio_config_read(d, CFG_SIZE, 1);
}

/* A tablet's axes: which absolute axes it reports (EV_BITS of EV_ABS, a
   bitmap of axis numbers) and each one's range (ABS_INFO). A program
   scales a position to the screen with them (input_abs_info, 3003). */
static void read_abs(struct vinput *v)
{
	struct virtio_dev *d = v->dev;
	int n = config_ask(d, SELECT_EV_BITS, EV_ABS);
	uint32_t axes = n > 0 ? (uint32_t)virtio_config_read(d, CFG_DATA, 1) : 0;
	for (int a = 0; a < NAXES; a++) {
		if (!(axes & (1u << a)) || config_ask(d, SELECT_ABS_INFO, a) < 8)
			continue;
		v->abs[a].min = (int32_t)virtio_config_read(d, CFG_DATA, 4);
		v->abs[a].max = (int32_t)virtio_config_read(d, CFG_DATA + 4, 4);
		v->abs[a].fuzz = (int32_t)virtio_config_read(d, CFG_DATA + 8, 4);
		v->abs[a].flat = (int32_t)virtio_config_read(d, CFG_DATA + 12, 4);
		v->abs[a].res = (int32_t)virtio_config_read(d, CFG_DATA + 16, 4);
		v->has_abs[a] = true;
	}
	if (v->has_abs[ABS_X] && v->has_abs[ABS_Y])
		info("virtio-input: %s: absolute x %d..%d, y %d..%d", v->name, v->abs[ABS_X].min,
		     v->abs[ABS_X].max, v->abs[ABS_Y].min, v->abs[ABS_Y].max);
}

int virtio_input_init(struct virtio_dev *d)
{
	if (ninputs == MAX_INPUTS) {
		warn("%s: more than %d input devices, ignored", d->name, MAX_INPUTS);
		return -1;
	}
	if (!irq_ready() || d->irq < 0) {
		info("%s: an input device needs its interrupt; ignored", d->name);
		return -1;
	}
	struct vinput *v = &inputs[ninputs];
	v->dev = d;
	if (virtio_start(d, 0) != 0)
		return -1;
	if (virtq_init(&v->q, d, 0) != 0) {
		virtio_fail(d);
		return -1;
	}
	virtq_intr_on(&v->q);
	for (int i = 0; i < EVENT_BUFS && i < v->q.size; i++)
		give(v, i);
	if (virtio_ready(d) != 0)
		return -1;
	read_name(v);
	read_abs(v);
	if (irq_register(d->irq, vinput_intr, v, "input") != 0)
		return -1;
	ninputs++;
	info("virtio-input: %s is %s", v->name, d->name);
	return 0;
}
