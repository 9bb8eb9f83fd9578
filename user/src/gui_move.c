/* gui_move - move a square with the keyboard (chapter 9; rCore's program
   of the same name): w/a/s/d move it by STEP pixels, q quits. It sleeps in
   input_wait until a key comes (no spinning) and, after the first full
   flush, shows only the rectangle each move changes: the old place and
   the new one. It prints where the square is after every move, so a test
   can follow it and check a screen dump. */
#include "ulib.h"

#define BACKGROUND 0x202020 /* dark grey */
#define SQUARE 0x00c0ff	    /* light blue */
#define START_X 200	    /* the square: top left corner and side */
#define START_Y 200
#define SIZE 50
#define STEP 10

static uint32_t *fb;
static struct fb_info info;

static void fill_rect(long x, long y, long w, long h, uint32_t colour)
{
	for (long j = y; j < y + h; j++)
		for (long i = x; i < x + w; i++)
			fb[j * (info.stride / 4) + i] = colour;
}

static long clamp(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int main(void)
{
	long addr = framebuffer();
	if (addr < 0 || fb_info(&info) != 0) {
		printf("gui_move: no display (%ld)\n", addr);
		return 1;
	}
	fb = (uint32_t *)addr;
	long x = START_X, y = START_Y, moves = 0;
	fill_rect(0, 0, info.width, info.height, BACKGROUND);
	fill_rect(x, y, SIZE, SIZE, SQUARE);
	framebuffer_flush();
	printf("gui_move: square at %ld,%ld size %d step %d on background %06x; "
	       "w/a/s/d move it, q quits\n",
	       x, y, SIZE, STEP, BACKGROUND);
	for (;;) {
		long r = input_wait(60000);
		if (r == -ETIMEDOUT)
			continue;
		if (r != 0) {
			printf("gui_move: input_wait: %ld\n", r);
			return 1;
		}
		long e;
		while ((e = event_get()) != 0) {
			long type = (e >> 48) & 0xffff, code = (e >> 32) & 0xffff;
			int value = (int)(e & 0xffffffff);
			if (type != EV_KEY || value == 0) /* pressed (1) or repeated (2) only */
				continue;
			if (code == KEY_Q) {
				printf("gui_move: quit at %ld,%ld after %ld moves\n", x, y, moves);
				return 0;
			}
			long nx = x, ny = y;
			if (code == KEY_W)
				ny -= STEP;
			else if (code == KEY_S)
				ny += STEP;
			else if (code == KEY_A)
				nx -= STEP;
			else if (code == KEY_D)
				nx += STEP;
			nx = clamp(nx, 0, info.width - SIZE);
			ny = clamp(ny, 0, info.height - SIZE);
			if (nx == x && ny == y)
				continue;
			/* the old place and the new overlap: one rectangle covers both */
			fill_rect(x, y, SIZE, SIZE, BACKGROUND);
			fill_rect(nx, ny, SIZE, SIZE, SQUARE);
			long left = nx < x ? nx : x, top = ny < y ? ny : y;
			long w = (nx < x ? x - nx : nx - x) + SIZE,
			     h = (ny < y ? y - ny : ny - y) + SIZE;
			if ((r = framebuffer_flush_rect(left, top, w, h)) != 0) {
				printf("gui_move: flush: %ld\n", r);
				return 1;
			}
			x = nx;
			y = ny;
			moves++;
			printf("gui_move: at %ld,%ld\n", x, y);
		}
	}
}
