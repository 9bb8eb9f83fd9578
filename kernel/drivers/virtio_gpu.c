/*
 * virtio_gpu.c - the virtio GPU driver, 2D only (chapter 9).
 *
 * The device has a control queue: each command is a chain of two
 * buffers, the request (a header with the command type, then its fields)
 * and the response the device writes (a header with OK or an error
 * type). At boot the driver:
 *   1. GET_DISPLAY_INFO: the size of scanout 0 (QEMU: 1280x800 unless
 *      the device's xres/yres say otherwise);
 *   2. RESOURCE_CREATE_2D: a host-side image (a "resource") of that size
 *      in the format B8G8R8X8;
 *   3. RESOURCE_ATTACH_BACKING: the guest memory behind it, here one
 *      physically contiguous run of kernel frames (the framebuffer);
 *   4. SET_SCANOUT: show the resource on scanout 0.
 * Then, whenever a program asks: TRANSFER_TO_HOST_2D copies a rectangle
 * of the framebuffer into the resource, RESOURCE_FLUSH puts it on the
 * screen. At boot the driver polls the queue; afterwards a command's
 * thread sleeps until the device's interrupt says it is done.
 */
#include "drivers/gpu.h"
#include "drivers/virtio.h"
#include "mm/vm.h"
#include "task/task.h"
#include "irq.h"

#define CMD_GET_DISPLAY_INFO 0x0100
#define CMD_RESOURCE_CREATE_2D 0x0101
#define CMD_SET_SCANOUT 0x0103
#define CMD_RESOURCE_FLUSH 0x0104
#define CMD_TRANSFER_TO_HOST_2D 0x0105
#define CMD_RESOURCE_ATTACH_BACKING 0x0106
#define RESP_OK_NODATA 0x1100
#define RESP_OK_DISPLAY_INFO 0x1101

#define FORMAT_B8G8R8X8 2 /* bytes B, G, R, unused: a little-endian 0x00RRGGBB */
#define MAX_SCANOUTS 16
#define RESOURCE_ID 1
#define COMMAND_SECONDS 5 /* how long a command may take */
#define MAX_PIXELS (4096 * 4096)

struct gpu_hdr {
	uint32_t type;
	uint32_t flags;
	uint64_t fence_id;
	uint32_t ctx_id;
	uint32_t padding;
};

struct gpu_rect {
	uint32_t x, y, width, height;
};

struct display_info {
	struct gpu_hdr hdr;
	struct {
		struct gpu_rect r;
		uint32_t enabled;
		uint32_t flags;
	} pmodes[MAX_SCANOUTS];
};

struct create_2d {
	struct gpu_hdr hdr;
	uint32_t resource_id, format, width, height;
};

struct attach_backing {
	struct gpu_hdr hdr;
	uint32_t resource_id, nr_entries;
	/* one entry follows */
	uint64_t addr;
	uint32_t length, padding;
};

struct set_scanout {
	struct gpu_hdr hdr;
	struct gpu_rect r;
	uint32_t scanout_id, resource_id;
};

struct flush {
	struct gpu_hdr hdr;
	struct gpu_rect r;
	uint32_t resource_id, padding;
};

struct transfer_2d {
	struct gpu_hdr hdr;
	struct gpu_rect r;
	uint64_t offset;
	uint32_t resource_id, padding;
};

/* The one display. Requests and responses live here, in static memory,
   so the device can be given their physical addresses. */
static struct {
	struct virtio_dev *dev;
	struct virtq q;
	bool ready;   /* set up: gpu_fb() may hand out the framebuffer */
	bool use_irq; /* commands sleep until the interrupt */
	bool busy;    /* a command is at the device */
	bool done;    /* ... and the device answered it */
	bool dead;    /* a command got no answer: fail the rest */
	struct waitq wait, room;
	struct gpu_fb fb;
	union {
		struct gpu_hdr hdr;
		struct create_2d create;
		struct attach_backing attach;
		struct set_scanout scanout;
		struct flush flush;
		struct transfer_2d transfer;
	} req;
	union {
		struct gpu_hdr hdr;
		struct display_info info;
	} resp;
} gpu;

static void gpu_intr(void *arg)
{
	(void)arg;
	if (gpu.dev->t->ack_interrupt(gpu.dev) == 0)
		return;
	if (virtq_poll(&gpu.q, NULL) >= 0) {
		gpu.done = true;
		wait_wake_all(&gpu.wait);
	}
}

static bool can_sleep(void)
{
	return gpu.use_irq && current_thread() != NULL;
}

/* Send the request in gpu.req (`len` bytes, its header's type set) and
   wait for the response (`rlen` bytes) of type `want`; 0 or -1. */
static int command(size_t len, size_t rlen, uint32_t want)
{
	uint32_t type = gpu.req.hdr.type;
	struct virtq_buf bufs[2] = {
	    {&gpu.req, (uint32_t)len, false},
	    {&gpu.resp, (uint32_t)rlen, true},
	};
	gpu.resp.hdr.type = 0;
	gpu.done = false;
	int head = virtq_submit(&gpu.q, bufs, 2);
	if (head < 0) {
		error("virtio-gpu: no free descriptors");
		return -1;
	}
	if (can_sleep()) {
		uint64_t deadline = hal_time() + COMMAND_SECONDS * hal_time_freq();
		while (!gpu.done && hal_time() < deadline)
			clock_wait_until(&gpu.wait, deadline);
	} else {
		gpu.done = virtq_wait(&gpu.q, head, NULL) == 0;
	}
	if (!gpu.done) {
		/* the request buffers stay the device's: no more commands */
		gpu.dead = true;
		error("virtio-gpu: command %x: no answer from the device", type);
		return -1;
	}
	if (gpu.resp.hdr.type != want) {
		error("virtio-gpu: command %x failed (response %x)", type, gpu.resp.hdr.type);
		return -1;
	}
	return 0;
}

/* Start a request of `type` in gpu.req. */
static void *request(uint32_t type, size_t len)
{
	memset(&gpu.req, 0, len);
	gpu.req.hdr.type = type;
	return &gpu.req;
}

int gpu_flush(uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
	if (!gpu.ready)
		return -1;
	/* one command at a time: the request buffers are shared */
	while (gpu.busy) {
		if (!can_sleep())
			return -1;
		wait_sleep(&gpu.room);
	}
	int ret = -1;
	gpu.busy = true;
	if (gpu.dead)
		goto out;
	struct transfer_2d *t = request(CMD_TRANSFER_TO_HOST_2D, sizeof(*t));
	t->r = (struct gpu_rect){x, y, w, h};
	t->offset = (uint64_t)y * gpu.fb.stride + (uint64_t)x * 4;
	t->resource_id = RESOURCE_ID;
	if (command(sizeof(*t), sizeof(struct gpu_hdr), RESP_OK_NODATA) != 0)
		goto out;
	struct flush *f = request(CMD_RESOURCE_FLUSH, sizeof(*f));
	f->r = (struct gpu_rect){x, y, w, h};
	f->resource_id = RESOURCE_ID;
	ret = command(sizeof(*f), sizeof(struct gpu_hdr), RESP_OK_NODATA);
out:
	gpu.busy = false;
	wait_wake_one(&gpu.room);
	return ret;
}

const struct gpu_fb *gpu_fb(void)
{
	return gpu.ready ? &gpu.fb : NULL;
}

/* The boot-time commands: display size, resource, backing, scanout. */
static int setup_display(void)
{
	request(CMD_GET_DISPLAY_INFO, sizeof(struct gpu_hdr));
	if (command(sizeof(struct gpu_hdr), sizeof(struct display_info), RESP_OK_DISPLAY_INFO) != 0)
		return -1;
	struct gpu_rect r = gpu.resp.info.pmodes[0].r;
	if (!gpu.resp.info.pmodes[0].enabled || r.width == 0 || r.height == 0 ||
	    (uint64_t)r.width * r.height > MAX_PIXELS) {
		error("virtio-gpu: scanout 0 is off or has an odd size (%ux%u)", r.width, r.height);
		return -1;
	}
	gpu.fb.width = r.width;
	gpu.fb.height = r.height;
	gpu.fb.stride = r.width * 4;
	gpu.fb.size = ROUND_UP((uint64_t)gpu.fb.stride * r.height, HAL_PAGE_SIZE);
	gpu.fb.pa = frame_alloc_contig(gpu.fb.size / HAL_PAGE_SIZE);
	if (gpu.fb.pa == 0) {
		error("virtio-gpu: no %lu KiB of contiguous memory for the framebuffer",
		      gpu.fb.size / 1024);
		return -1;
	}

	struct create_2d *c = request(CMD_RESOURCE_CREATE_2D, sizeof(*c));
	c->resource_id = RESOURCE_ID;
	c->format = FORMAT_B8G8R8X8;
	c->width = r.width;
	c->height = r.height;
	if (command(sizeof(*c), sizeof(struct gpu_hdr), RESP_OK_NODATA) != 0)
		goto fail;

	struct attach_backing *a = request(CMD_RESOURCE_ATTACH_BACKING, sizeof(*a));
	a->resource_id = RESOURCE_ID;
	a->nr_entries = 1;
	a->addr = gpu.fb.pa;
	a->length = (uint32_t)gpu.fb.size;
	if (command(sizeof(*a), sizeof(struct gpu_hdr), RESP_OK_NODATA) != 0)
		goto fail;

	struct set_scanout *s = request(CMD_SET_SCANOUT, sizeof(*s));
	s->r = (struct gpu_rect){0, 0, r.width, r.height};
	s->scanout_id = 0;
	s->resource_id = RESOURCE_ID;
	if (command(sizeof(*s), sizeof(struct gpu_hdr), RESP_OK_NODATA) != 0)
		goto fail;
	return 0;
fail:
	/* the device may still point at the frames: keep them */
	return -1;
}

int virtio_gpu_init(struct virtio_dev *d)
{
	if (gpu.dev != NULL) {
		warn("%s: a second display, ignored", d->name);
		return -1;
	}
	if (virtio_start(d, 0) != 0)
		return -1;
	if (virtq_init(&gpu.q, d, 0) != 0) {
		virtio_fail(d);
		return -1;
	}
	if (virtio_ready(d) != 0)
		return -1;
	gpu.dev = d;
	if (setup_display() != 0)
		return -1;
	gpu.ready = true;
	/* the first flush: the whole (black) screen */
	if (gpu_flush(0, 0, gpu.fb.width, gpu.fb.height) != 0)
		return -1;
	if (irq_ready() && d->irq >= 0) {
		virtq_intr_on(&gpu.q);
		gpu.use_irq = irq_register(d->irq, gpu_intr, NULL, "gpu") == 0;
	}
	info("virtio-gpu: %s, %ux%u, B8G8R8X8, framebuffer at %p (%lu KiB), %s", d->name,
	     gpu.fb.width, gpu.fb.height, (void *)gpu.fb.pa, gpu.fb.size / 1024,
	     gpu.use_irq ? "interrupt-driven" : "polled");
	return 0;
}
