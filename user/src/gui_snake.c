/* gui_snake - a small snake game (chapter 9; rCore's program of the same
   name). w/a/s/d turn the snake, q quits; eating the red food makes it
   longer and scores a point; the game ends when the head hits the wall
   or the snake itself, and prints the score. The snake waits at its
   start place for the first key (asleep in input_wait), then takes one
   step every STEP_MS milliseconds, sleeping in between, and flushes only
   the cells a step changes. */
#include <stdbool.h>

#include "ulib.h"

#define CELL 20	    /* pixels per cell */
#define MAX_COLS 40 /* the board, walls included, at most */
#define MAX_ROWS 30
#define STEP_MS 150
#define BACKGROUND 0x000000
#define WALL 0x808080
#define BODY 0x00a000
#define HEAD 0x80ff80
#define FOOD 0xff0000
#define START_X 8 /* the head's cell; the body trails to the left */
#define START_Y 5
#define START_LEN 4

static uint32_t *fb;
static struct fb_info info;
static int cols, rows;
static bool taken[MAX_ROWS][MAX_COLS];			     /* a cell of the snake */
static int sx[MAX_ROWS * MAX_COLS], sy[MAX_ROWS * MAX_COLS]; /* the snake, a ring */
static int head, len; /* sx[head]: the head; len cells back */
static int food_x, food_y;
static uint32_t seed = 12345;

static void cell(int x, int y, uint32_t colour)
{
	for (int j = y * CELL; j < (y + 1) * CELL; j++)
		for (int i = x * CELL; i < (x + 1) * CELL; i++)
			fb[j * (info.stride / 4) + i] = colour;
}

static void show(int x, int y)
{
	framebuffer_flush_rect(x * CELL, y * CELL, CELL, CELL);
}

static uint32_t random(void)
{
	seed = seed * 1103515245 + 12345;
	return seed >> 16;
}

static void place_food(void)
{
	do {
		food_x = 1 + random() % (cols - 2);
		food_y = 1 + random() % (rows - 2);
	} while (taken[food_y][food_x]);
	cell(food_x, food_y, FOOD);
}

/* The direction a key asks for; none (0, 0) for another key. */
static void direction(long code, int *dx, int *dy)
{
	*dx = code == KEY_D ? 1 : code == KEY_A ? -1 : 0;
	*dy = code == KEY_S ? 1 : code == KEY_W ? -1 : 0;
}

static int end(int score, const char *why)
{
	printf("gui_snake: score %d (%s)\n", score, why);
	return 0;
}

int main(void)
{
	long addr = framebuffer();
	if (addr < 0 || fb_info(&info) != 0) {
		printf("gui_snake: no display (%ld)\n", addr);
		return 1;
	}
	fb = (uint32_t *)addr;
	cols = info.width / CELL < MAX_COLS ? info.width / CELL : MAX_COLS;
	rows = info.height / CELL < MAX_ROWS ? info.height / CELL : MAX_ROWS;
	if (cols < START_X + 4 || rows < START_Y + 4) {
		printf("gui_snake: the screen is too small\n");
		return 1;
	}
	for (unsigned y = 0; y < info.height; y++)
		for (unsigned x = 0; x < info.width; x++)
			fb[y * (info.stride / 4) + x] = BACKGROUND;
	for (int x = 0; x < cols; x++) {
		cell(x, 0, WALL);
		cell(x, rows - 1, WALL);
	}
	for (int y = 0; y < rows; y++) {
		cell(0, y, WALL);
		cell(cols - 1, y, WALL);
	}
	for (len = 0; len < START_LEN; len++) { /* tail first */
		head = len;
		sx[head] = START_X - (START_LEN - 1) + len;
		sy[head] = START_Y;
		taken[sy[head]][sx[head]] = true;
		cell(sx[head], sy[head], len == START_LEN - 1 ? HEAD : BODY);
	}
	place_food();
	framebuffer_flush();
	printf("gui_snake: board %dx%d cells of %d pixels, head at cell %d,%d; "
	       "w/a/s/d to start and turn, q quits\n",
	       cols, rows, CELL, START_X, START_Y);

	/* wait for the first key, asleep */
	int dx = 0, dy = 0, score = 0;
	while (dx == 0 && dy == 0) {
		long r = input_wait(60000);
		if (r != 0 && r != -ETIMEDOUT) {
			printf("gui_snake: input_wait: %ld\n", r);
			return 1;
		}
		long e;
		while (dx == 0 && dy == 0 && (e = event_get()) != 0) {
			long code = (e >> 32) & 0xffff;
			if ((e >> 48) != EV_KEY || (e & 0xffffffff) == 0)
				continue;
			if (code == KEY_Q)
				return end(score, "quit");
			direction(code, &dx, &dy);
			if (dx == -1) /* not back into its own body */
				dx = 0;
		}
	}
	for (;;) {
		sleep(STEP_MS);
		long e;
		while ((e = event_get()) != 0) {
			long code = (e >> 32) & 0xffff;
			if ((e >> 48) != EV_KEY || (e & 0xffffffff) == 0)
				continue;
			if (code == KEY_Q)
				return end(score, "quit");
			int ndx, ndy;
			direction(code, &ndx, &ndy);
			if ((ndx != 0 || ndy != 0) && (ndx != -dx || ndy != -dy)) {
				dx = ndx;
				dy = ndy;
			}
		}
		int n = MAX_ROWS * MAX_COLS;
		int nx = sx[head] + dx, ny = sy[head] + dy;
		int tail = (head - len + 1 + n) % n;
		bool grow = nx == food_x && ny == food_y;
		if (nx <= 0 || ny <= 0 || nx >= cols - 1 || ny >= rows - 1)
			return end(score, "wall");
		if (!grow) { /* the tail moves on: its cell is free */
			taken[sy[tail]][sx[tail]] = false;
			cell(sx[tail], sy[tail], BACKGROUND);
			show(sx[tail], sy[tail]);
		}
		if (taken[ny][nx])
			return end(score, "self");
		cell(sx[head], sy[head], BODY);
		show(sx[head], sy[head]);
		head = (head + 1) % n;
		sx[head] = nx;
		sy[head] = ny;
		taken[ny][nx] = true;
		cell(nx, ny, HEAD);
		show(nx, ny);
		if (grow) {
			len++;
			score++;
			place_food();
			show(food_x, food_y);
		}
	}
}
