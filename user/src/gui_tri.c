/* gui_tri - filled triangles on the screen (chapter 9; rCore's program
   of the same name): a Sierpinski triangle of depth 5 over the whole
   screen, each small triangle filled a scanline at a time. */
#include "ulib.h"

static uint32_t *fb;
static struct fb_info info;

/* Fill the triangle (x0,y0) (x1,y1) (x2,y2): for each row, the span
   between the edges (edge functions, integer only). */
static void triangle(long x0, long y0, long x1, long y1, long x2, long y2, uint32_t colour)
{
	long minx = x0 < x1 ? (x0 < x2 ? x0 : x2) : (x1 < x2 ? x1 : x2);
	long maxx = x0 > x1 ? (x0 > x2 ? x0 : x2) : (x1 > x2 ? x1 : x2);
	long miny = y0 < y1 ? (y0 < y2 ? y0 : y2) : (y1 < y2 ? y1 : y2);
	long maxy = y0 > y1 ? (y0 > y2 ? y0 : y2) : (y1 > y2 ? y1 : y2);
	long area = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0);
	if (area == 0)
		return;
	for (long y = miny; y <= maxy; y++)
		for (long x = minx; x <= maxx; x++) {
			long w0 = (x1 - x) * (y2 - y) - (y1 - y) * (x2 - x);
			long w1 = (x2 - x) * (y0 - y) - (y2 - y) * (x0 - x);
			long w2 = (x0 - x) * (y1 - y) - (y0 - y) * (x1 - x);
			int in = area > 0 ? (w0 >= 0 && w1 >= 0 && w2 >= 0)
					  : (w0 <= 0 && w1 <= 0 && w2 <= 0);
			if (in && x >= 0 && y >= 0 && x < info.width && y < info.height)
				fb[y * (info.stride / 4) + x] = colour;
		}
}

static void sierpinski(long x0, long y0, long x1, long y1, long x2, long y2, int depth)
{
	if (depth == 0) {
		uint32_t colour = (uint32_t)((x0 * 255 / info.width) << 16 |
					     (y0 * 255 / info.height) << 8 | 0x80);
		triangle(x0, y0, x1, y1, x2, y2, colour);
		return;
	}
	long ax = (x0 + x1) / 2, ay = (y0 + y1) / 2;
	long bx = (x1 + x2) / 2, by = (y1 + y2) / 2;
	long cx = (x0 + x2) / 2, cy = (y0 + y2) / 2;
	sierpinski(x0, y0, ax, ay, cx, cy, depth - 1);
	sierpinski(ax, ay, x1, y1, bx, by, depth - 1);
	sierpinski(cx, cy, bx, by, x2, y2, depth - 1);
}

int main(void)
{
	long addr = framebuffer();
	if (addr < 0 || fb_info(&info) != 0) {
		printf("gui_tri: no display (%ld)\n", addr);
		return 1;
	}
	fb = (uint32_t *)addr;
	for (uint32_t i = 0; i < info.height * (info.stride / 4); i++)
		fb[i] = 0;
	long w = info.width, h = info.height;
	sierpinski(w / 2, 10, 10, h - 10, w - 10, h - 10, 5);
	if (framebuffer_flush() != 0) {
		printf("gui_tri: flush failed\n");
		return 1;
	}
	printf("gui_tri: done\n");
	return 0;
}
