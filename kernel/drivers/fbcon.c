/*
 * fbcon.c - the text console on the screen (chapter 9).
 *
 * With a display, everything written to the console (lib/printf.c,
 * console_write: the kernel's log and the programs' output) is also
 * drawn on the framebuffer: a grid of cells, each one character of the
 * console font (drivers/font.h, converted from a Debian console font at
 * build time), as many as fit the screen the device reported. The serial
 * console stays the primary one; the screen mirrors it.
 *
 * The grid of characters is the truth; pixels are drawn from it. A write
 * changes the grid (printable characters, newline, carriage return,
 * backspace, tab, the colours of ESC [ ... m) and marks the cells it
 * changed, then draws only those. Scrolling moves the text's pixels up by
 * the lines the write scrolled, all at once, and clears the rows that
 * came in. The cursor is its cell drawn inverted.
 *
 * What changed is shown by one flush (transfer + flush of a rectangle,
 * gpu_flush) per write, not per character: a program's write flushes
 * before it returns (it may sleep for the GPU there); the kernel's own
 * printf never sleeps, so what it drew is flushed at once only where no
 * thread runs (at boot, in the scheduler), and otherwise with the next
 * write that may.
 *
 * Who owns the screen: while any process has the framebuffer mapped
 * (syscall 2000; vm_device_areas), the console draws nothing and only
 * keeps its grid. Its next write after the last such mapping went away
 * (the program exited, or exec'd, or unmapped it) repaints the whole
 * screen from the grid.
 */
#include "drivers/gpu.h"
#include "drivers/font.h"
#include "task/task.h"

#define MAX_COLS 256 /* a larger screen uses its top left part */
#define MAX_ROWS 128
#define TAB 8
#define BACKGROUND 0x000000
#define DEFAULT_COLOUR 0 /* index in palette[] */

/* The colours: [0] the default, then those of ESC [ n m for n = 30..37
   (black, red, green, yellow, blue, magenta, cyan, white) and for the
   bright ones, n = 90..97. */
static const uint32_t palette[17] = {
    0xaaaaaa, 0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x4060ff, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
    0x7f7f7f, 0xff5555, 0x55ff55, 0xffff55, 0x7070ff, 0xff55ff, 0x55ffff, 0xffffff,
};

enum esc_state { ESC_NONE, ESC_SEEN, ESC_CSI };

static struct {
	const struct gpu_fb *fb;
	const struct font *font;
	uint32_t *pixels; /* the framebuffer, through the kernel's direct map */
	int cols, rows;
	int row, col; /* the cursor; col == cols: the next character wraps */
	char ch[MAX_ROWS][MAX_COLS];
	uint8_t colour[MAX_ROWS][MAX_COLS];
	uint8_t fg; /* colour of the next characters */
	enum esc_state esc;
	int esc_arg;
	int lo[MAX_ROWS], hi[MAX_ROWS]; /* row r's cells [lo, hi) are not drawn yet */
	int scrolled;			/* lines the grid scrolled since the last drawing */
	bool lent;			/* a program has the framebuffer mapped: we draw nothing */
	/* the rectangle drawn but not yet shown (flushed) */
	bool pending;
	uint32_t x0, y0, x1, y1; /* [x0, x1) x [y0, y1) */
} con;

/* ---- the grid ------------------------------------------------------------ */

/* Cells [c0, c1) of row r differ from the screen. */
static void changed(int r, int c0, int c1)
{
	con.lo[r] = c0 < con.lo[r] ? c0 : con.lo[r];
	con.hi[r] = c1 > con.hi[r] ? c1 : con.hi[r];
}

static void clear_row(int r)
{
	memset(con.ch[r], ' ', MAX_COLS);
	memset(con.colour[r], DEFAULT_COLOUR, MAX_COLS);
}

static void newline(void)
{
	con.col = 0;
	if (con.row + 1 < con.rows) {
		con.row++;
		return;
	}
	memmove(con.ch[0], con.ch[1], (size_t)(con.rows - 1) * MAX_COLS);
	memmove(con.colour[0], con.colour[1], (size_t)(con.rows - 1) * MAX_COLS);
	memmove(con.lo, con.lo + 1, (size_t)(con.rows - 1) * sizeof(con.lo[0]));
	memmove(con.hi, con.hi + 1, (size_t)(con.rows - 1) * sizeof(con.hi[0]));
	clear_row(con.rows - 1);
	con.lo[con.rows - 1] = 0; /* its pixels are the old last row's */
	con.hi[con.rows - 1] = con.cols;
	con.scrolled++;
}

/* ESC [ n m: set the colour (0 or 39: the default). */
static void set_colour(int n)
{
	if (n == 0 || n == 39)
		con.fg = DEFAULT_COLOUR;
	else if (n >= 30 && n <= 37)
		con.fg = (uint8_t)(1 + n - 30);
	else if (n >= 90 && n <= 97)
		con.fg = (uint8_t)(9 + n - 90);
}

/* The escape sequences ESC [ n;n... letter: colours kept, the rest skipped. */
static void escape(char c)
{
	if (con.esc == ESC_SEEN) {
		con.esc = c == '[' ? ESC_CSI : ESC_NONE;
		con.esc_arg = 0;
	} else if (c >= '0' && c <= '9') {
		if (con.esc_arg < 1000)
			con.esc_arg = con.esc_arg * 10 + (c - '0');
	} else if (c == ';') {
		set_colour(con.esc_arg);
		con.esc_arg = 0;
	} else {
		if (c == 'm')
			set_colour(con.esc_arg);
		con.esc = ESC_NONE;
	}
}

static void put(char c)
{
	if (con.esc != ESC_NONE) {
		escape(c);
		return;
	}
	switch (c) {
	case '\n':
		newline();
		return;
	case '\r':
		con.col = 0;
		return;
	case '\b':
		if (con.col > 0)
			con.col--;
		return;
	case '\t':
		con.col = (con.col / TAB + 1) * TAB;
		if (con.col > con.cols)
			con.col = con.cols;
		return;
	case 0x1b:
		con.esc = ESC_SEEN;
		return;
	default:
		break;
	}
	if ((unsigned char)c < ' ' || c == 0x7f)
		return; /* another control character: nothing to show */
	if ((unsigned char)c > 0x7f)
		c = '?'; /* not ASCII */
	if (con.col == con.cols)
		newline();
	con.ch[con.row][con.col] = c;
	con.colour[con.row][con.col] = con.fg;
	changed(con.row, con.col, con.col + 1);
	con.col++;
}

/* ---- pixels ---------------------------------------------------------------- */

/* Draw cell (r, c): its glyph, or the cursor (inverted), or a blank. */
static void draw_cell(int r, int c, bool cursor)
{
	const struct font *f = con.font;
	uint32_t per_row = con.fb->stride / 4;
	uint32_t *p = con.pixels + (size_t)r * f->height * per_row + (size_t)c * f->width;
	uint32_t fg = palette[con.colour[r][c]], bg = BACKGROUND;
	if (cursor) {
		fg = BACKGROUND;
		bg = palette[con.colour[r][c]];
	} else if (con.ch[r][c] == ' ') {
		for (uint32_t y = 0; y < f->height; y++, p += per_row)
			for (uint32_t x = 0; x < f->width; x++)
				p[x] = bg;
		return;
	}
	const uint8_t *g = f->glyphs + (size_t)con.ch[r][c] * f->height * f->row_bytes;
	if (f->width == 8) { /* the usual case, unrolled by the compiler */
		for (uint32_t y = 0; y < f->height; y++, p += per_row, g++)
			for (int x = 0; x < 8; x++)
				p[x] = *g & (0x80 >> x) ? fg : bg;
		return;
	}
	for (uint32_t y = 0; y < f->height; y++, p += per_row, g += f->row_bytes)
		for (uint32_t x = 0; x < f->width; x++)
			p[x] = g[x / 8] & (0x80 >> (x % 8)) ? fg : bg;
}

/* Add a rectangle of pixels to the part waiting for a flush. */
static void pend(uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1)
{
	if (!con.pending) {
		con.x0 = x0, con.y0 = y0, con.x1 = x1, con.y1 = y1;
		con.pending = true;
		return;
	}
	con.x0 = x0 < con.x0 ? x0 : con.x0;
	con.y0 = y0 < con.y0 ? y0 : con.y0;
	con.x1 = x1 > con.x1 ? x1 : con.x1;
	con.y1 = y1 > con.y1 ? y1 : con.y1;
}

/* Draw every changed cell from the grid and pend what it covers. */
static void draw_changes(void)
{
	const struct font *f = con.font;
	int cursor = con.col < con.cols ? con.col : con.cols - 1;
	if (con.scrolled > 0 && con.scrolled < con.rows) {
		/* the text's pixels up by the lines scrolled, at once (the rows
		   that came in at the bottom are marked changed) */
		size_t line = (size_t)f->height * con.fb->stride;
		memmove(con.pixels, (char *)con.pixels + con.scrolled * line,
			(size_t)(con.rows - con.scrolled) * line);
	}
	for (int r = 0; r < con.rows; r++) {
		if (con.lo[r] >= con.hi[r])
			continue;
		for (int c = con.lo[r]; c < con.hi[r]; c++)
			draw_cell(r, c, r == con.row && c == cursor);
		pend((uint32_t)con.lo[r] * f->width, (uint32_t)r * f->height,
		     (uint32_t)con.hi[r] * f->width, (uint32_t)(r + 1) * f->height);
		con.lo[r] = con.cols;
		con.hi[r] = 0;
	}
	if (con.scrolled > 0)
		pend(0, 0, (uint32_t)con.cols * f->width, (uint32_t)con.rows * f->height);
}

/* The whole screen from the grid (the console takes it back). */
static void repaint(void)
{
	uint32_t per_row = con.fb->stride / 4;
	for (uint32_t y = 0; y < con.fb->height; y++)
		for (uint32_t x = 0; x < con.fb->width; x++)
			con.pixels[y * per_row + x] = BACKGROUND;
	for (int r = 0; r < con.rows; r++)
		changed(r, 0, con.cols);
	con.scrolled = 0;
	draw_changes();
	pend(0, 0, con.fb->width, con.fb->height);
}

/* Show the pending rectangle, if this is a place to: a thread that may
   sleep, or no thread at all (the GPU is then polled). */
static void flush(bool may_sleep)
{
	if (!con.pending || (!may_sleep && current_thread() != NULL))
		return;
	uint32_t x0 = con.x0, y0 = con.y0, x1 = con.x1, y1 = con.y1;
	con.pending = false;
	/* may sleep: other writes may draw and pend meanwhile */
	if (gpu_flush(x0, y0, x1 - x0, y1 - y0) != 0)
		pend(x0, y0, x1, y1); /* the GPU is busy or broken: later */
}

/* The cursor's cell, to be drawn again when it moves. */
static void cursor_changed(void)
{
	int c = con.col < con.cols ? con.col : con.cols - 1;
	changed(con.row, c, c + 1);
}

/* The console's mirror (console_set_mirror). */
static void fbcon_write(const char *s, size_t n, bool may_sleep)
{
	cursor_changed(); /* where it was */
	for (size_t i = 0; i < n; i++)
		put(s[i]);
	cursor_changed(); /* where it is */
	if (vm_device_areas() > 0) {
		/* a program has the screen: its pixels are not ours */
		con.lent = true;
		con.pending = false;
		con.scrolled = 0;
		return;
	}
	if (con.lent) {
		con.lent = false;
		repaint();
	} else {
		draw_changes();
	}
	con.scrolled = 0;
	flush(may_sleep);
}

void fbcon_init(void)
{
	const struct gpu_fb *fb = gpu_fb();
	const struct font *f = &console_font;
	if (fb == NULL)
		return;
	con.fb = fb;
	con.font = f;
	con.pixels = hal_phys_to_virt(fb->pa);
	con.cols = (int)(fb->width / f->width);
	con.rows = (int)(fb->height / f->height);
	con.cols = con.cols < MAX_COLS ? con.cols : MAX_COLS;
	con.rows = con.rows < MAX_ROWS ? con.rows : MAX_ROWS;
	if (con.cols < 1 || con.rows < 1) {
		warn("fbcon: a %ux%u screen is too small for the %ux%u font", fb->width, fb->height,
		     f->width, f->height);
		return;
	}
	for (int r = 0; r < con.rows; r++) {
		clear_row(r);
		con.lo[r] = con.cols;
		con.hi[r] = 0;
	}
	/* from now on the screen shows the console, the boot log first */
	console_set_mirror(fbcon_write);
	info("fbcon: the console on the screen: %dx%d cells of %ux%u pixels (font %s)", con.cols,
	     con.rows, f->width, f->height, f->name);
}
