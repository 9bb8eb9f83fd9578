/* gui_shape - draw shapes on the screen (chapter 9; rCore's program of
   the same name): a background, a red filled square, a green frame, a
   white disc, a yellow diagonal line. The test takes a screen dump and
   checks pixels it knows: the square's centre is red, the bottom right
   corner is the background. The first flush shows the whole screen, the
   second only the disc's rectangle.
   `gui_shape wait` keeps the picture (and the screen: the text console
   draws nothing while a program has the framebuffer mapped) until a key
   is pressed on the keyboard, or for a minute. */
#include "ulib.h"

#define BACKGROUND 0x203060 /* dark blue */
#define RED 0xff0000
#define GREEN 0x00ff00
#define WHITE 0xffffff
#define YELLOW 0xffff00
#define SQUARE_X 100 /* the red square: top left corner and side */
#define SQUARE_Y 100
#define SQUARE_SIZE 100

static uint32_t *fb;
static struct fb_info info;

static void pixel(long x, long y, uint32_t colour)
{
	if (x >= 0 && y >= 0 && x < info.width && y < info.height)
		fb[y * (info.stride / 4) + x] = colour;
}

static void fill_rect(long x, long y, long w, long h, uint32_t colour)
{
	for (long j = y; j < y + h; j++)
		for (long i = x; i < x + w; i++)
			pixel(i, j, colour);
}

static void frame_rect(long x, long y, long w, long h, long thick, uint32_t colour)
{
	fill_rect(x, y, w, thick, colour);
	fill_rect(x, y + h - thick, w, thick, colour);
	fill_rect(x, y, thick, h, colour);
	fill_rect(x + w - thick, y, thick, h, colour);
}

static void disc(long cx, long cy, long r, uint32_t colour)
{
	for (long y = -r; y <= r; y++)
		for (long x = -r; x <= r; x++)
			if (x * x + y * y <= r * r)
				pixel(cx + x, cy + y, colour);
}

/* Wait for a key pressed on the keyboard (its code), or -1 after a minute. */
static long wait_key(void)
{
	for (int waited = 0; waited < 60; waited++) {
		if (input_wait(1000) != 0)
			continue;
		long e;
		while ((e = event_get()) != 0)
			if (((e >> 48) & 0xffff) == 1 &&
			    (e & 0xffffffff) == 1) /* EV_KEY, pressed */
				return (e >> 32) & 0xffff;
	}
	return -1;
}

int main(int argc, char **argv)
{
	int wait = argc > 1 && strcmp(argv[1], "wait") == 0;
	long addr = framebuffer();
	if (addr < 0 || fb_info(&info) != 0) {
		printf("gui_shape: no display (%ld)\n", addr);
		return 1;
	}
	fb = (uint32_t *)addr;
	printf("gui_shape: screen %ux%u, stride %u\n", info.width, info.height, info.stride);
	fill_rect(0, 0, info.width, info.height, BACKGROUND);
	fill_rect(SQUARE_X, SQUARE_Y, SQUARE_SIZE, SQUARE_SIZE, RED);
	frame_rect(250, 80, 160, 140, 6, GREEN);
	for (long i = 0; i < 200; i++) /* a line, 3 pixels thick */
		fill_rect(60 + i, 260 + i / 2, 3, 3, YELLOW);
	long r = framebuffer_flush();
	/* the disc, then only its rectangle */
	disc(520, 150, 60, WHITE);
	long r2 = framebuffer_flush_rect(520 - 60, 150 - 60, 121, 121);
	if (r != 0 || r2 != 0) {
		printf("gui_shape: flush failed (%ld, %ld)\n", r, r2);
		return 1;
	}
	printf("gui_shape: red square at %d,%d size %d on background %06x\n", SQUARE_X, SQUARE_Y,
	       SQUARE_SIZE, BACKGROUND);
	printf("gui_shape: done\n");
	if (wait) {
		printf("gui_shape: a key on the keyboard ends it\n");
		printf("gui_shape: key %ld, bye\n", wait_key());
	}
	return 0;
}
