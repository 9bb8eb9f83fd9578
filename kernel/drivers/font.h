/*
 * font.h - the bitmap font of the text console on the screen (chapter 9,
 * drivers/fbcon.c). Not written by hand: the build converts a console font
 * of a Debian package (CONSOLE_FONT in the Makefile, a PSF file) into
 * build/.../font.c with scripts/psf.py.
 */
#ifndef DRIVERS_FONT_H
#define DRIVERS_FONT_H

#include "lib/lib.h"

#define FONT_CHARS 128 /* ASCII */

struct font {
	const char *name;	/* the PSF file it came from */
	uint32_t width, height; /* of every glyph, in pixels */
	uint32_t row_bytes;	/* bytes per glyph row: (width + 7) / 8 */
	/* FONT_CHARS glyphs by character code, height * row_bytes bytes each:
	   a row's leftmost pixel is the top bit of its first byte; a set bit is
	   the foreground. Characters the font lacks (and control characters)
	   are blank. */
	const uint8_t *glyphs;
};

extern const struct font console_font;

#endif
