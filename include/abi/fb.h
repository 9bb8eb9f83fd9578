/*
 * fb.h - the screen (chapter 9): what fb_info (syscall 2003) fills in.
 * Shared by the kernel and user programs.
 *
 * The framebuffer that framebuffer() (2000) maps is `height` rows of
 * `stride` bytes; pixel (x, y) is the 32-bit word at byte
 * y * stride + x * 4, 0x00RRGGBB (virtio-gpu's B8G8R8X8 format).
 */
#ifndef ABI_FB_H
#define ABI_FB_H

#include <stdint.h>

struct fb_info {
	uint32_t width;	 /* pixels */
	uint32_t height; /* pixels */
	uint32_t stride; /* bytes per row */
	uint32_t bpp;	 /* bits per pixel: 32 */
	uint64_t size;	 /* bytes mapped by framebuffer() */
};

#endif
