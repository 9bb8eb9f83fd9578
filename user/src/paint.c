/* paint - draw with the mouse (chapter 9, ours): while the left button is
   held, the pointer leaves a line; c clears the screen, q quits. A mouse
   (EV_REL) moves the pointer by its motion; a tablet (EV_ABS) puts it at
   its position, scaled from the device's range (input_abs_info) to the
   screen. The pointer starts at the centre. The program sleeps in
   input_wait between events and flushes only the rectangle of each new
   piece of line. It prints where a stroke begins and ends, so a test can
   follow it. */
#include <stdbool.h>

#include "ulib.h"

#define BACKGROUND 0xf0f0e0 /* paper */
#define INK 0x000080	    /* dark blue */
#define BRUSH 5		    /* the line's width, in pixels */

static uint32_t *fb;
static struct fb_info info;
static struct input_absinfo range[2]; /* a tablet's x and y axes */
static bool tablet;

static long clamp(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void clear(void)
{
	for (unsigned y = 0; y < info.height; y++)
		for (unsigned x = 0; x < info.width; x++)
			fb[y * (info.stride / 4) + x] = BACKGROUND;
	framebuffer_flush();
}

/* A BRUSH-wide dot at (x, y), cut at the screen's edges. */
static void dot(long x, long y)
{
	for (long j = y - BRUSH / 2; j <= y + BRUSH / 2; j++)
		for (long i = x - BRUSH / 2; i <= x + BRUSH / 2; i++)
			if (i >= 0 && j >= 0 && i < info.width && j < info.height)
				fb[j * (info.stride / 4) + i] = INK;
}

/* A line from (x0, y0) to (x1, y1), then only its rectangle shown. */
static void line(long x0, long y0, long x1, long y1)
{
	long dx = x1 - x0, dy = y1 - y0;
	long steps = dx < 0 ? -dx : dx;
	if ((dy < 0 ? -dy : dy) > steps)
		steps = dy < 0 ? -dy : dy;
	for (long i = 0; i <= steps; i++)
		dot(x0 + (steps ? dx * i / steps : 0), y0 + (steps ? dy * i / steps : 0));
	long left = clamp((x0 < x1 ? x0 : x1) - BRUSH / 2, 0, info.width - 1);
	long top = clamp((y0 < y1 ? y0 : y1) - BRUSH / 2, 0, info.height - 1);
	long right = clamp((x0 > x1 ? x0 : x1) + BRUSH / 2, 0, info.width - 1);
	long bottom = clamp((y0 > y1 ? y0 : y1) + BRUSH / 2, 0, info.height - 1);
	framebuffer_flush_rect(left, top, right - left + 1, bottom - top + 1);
}

/* A tablet's position on axis `a` as a pixel on a screen `size` wide. */
static long scale(int a, long value, long size)
{
	long span = (long)range[a].max - range[a].min;
	if (span <= 0)
		return 0;
	return clamp((value - range[a].min) * (size - 1) / span, 0, size - 1);
}

int main(void)
{
	long addr = framebuffer();
	if (addr < 0 || fb_info(&info) != 0) {
		printf("paint: no display (%ld)\n", addr);
		return 1;
	}
	fb = (uint32_t *)addr;
	tablet = input_abs_info(ABS_X, &range[0]) == 0 && input_abs_info(ABS_Y, &range[1]) == 0;
	clear();
	long x = info.width / 2, y = info.height / 2; /* the pointer */
	long last_x = x, last_y = y;		      /* where the line is */
	bool down = false;
	printf("paint: screen %ux%u, pointer at %ld,%ld", info.width, info.height, x, y);
	if (tablet)
		printf("; tablet x %d..%d, y %d..%d", range[0].min, range[0].max, range[1].min,
		       range[1].max);
	printf("\npaint: hold the left button to draw; c clears, q quits\n");
	for (;;) {
		long r = input_wait(60000);
		if (r == -ETIMEDOUT)
			continue;
		if (r != 0) {
			printf("paint: input_wait: %ld\n", r);
			return 1;
		}
		long e;
		while ((e = event_get()) != 0) {
			long type = (e >> 48) & 0xffff, code = (e >> 32) & 0xffff;
			int value = (int)(e & 0xffffffff);
			if (down && type == EV_KEY && code == BTN_LEFT && value == 0 &&
			    (x != last_x || y != last_y))
				line(last_x, last_y, x, y); /* the last move before the release */
			if (type == EV_REL && code == REL_X)
				x = clamp(x + value, 0, info.width - 1);
			else if (type == EV_REL && code == REL_Y)
				y = clamp(y + value, 0, info.height - 1);
			else if (type == EV_ABS && code == ABS_X && tablet)
				x = scale(0, value, info.width);
			else if (type == EV_ABS && code == ABS_Y && tablet)
				y = scale(1, value, info.height);
			else if (type == EV_KEY && code == BTN_LEFT && value == 1 && !down) {
				down = true;
				line(x, y, x, y);
				last_x = x;
				last_y = y;
				printf("paint: down at %ld,%ld\n", x, y);
			} else if (type == EV_KEY && code == BTN_LEFT && value == 0 && down) {
				down = false;
				printf("paint: up at %ld,%ld\n", x, y);
			} else if (type == EV_KEY && code == KEY_C && value == 1) {
				clear();
				printf("paint: cleared\n");
			} else if (type == EV_KEY && code == KEY_Q && value == 1) {
				printf("paint: done\n");
				return 0;
			}
		}
		/* No event waits: the pointer's new place is whole (an EV_SYN
		   ending a group packs to 0, which event_get also says for "none",
		   so a program cannot see it). */
		if (down && (x != last_x || y != last_y)) {
			line(last_x, last_y, x, y);
			last_x = x;
			last_y = y;
		}
	}
}
