/*
 * gpu.h - the screen (chapter 9): what the virtio-gpu driver offers the
 * framebuffer system calls (syscall/sys_fb.c). One display at most.
 */
#ifndef GPU_H
#define GPU_H

#include "lib/lib.h"

/* The framebuffer: width x height pixels, `stride` bytes per row, each
   pixel a 32-bit 0x00RRGGBB (virtio-gpu's B8G8R8X8: bytes B, G, R, X).
   Its frames are physically contiguous and stay the driver's. */
struct gpu_fb {
	uint32_t width, height, stride;
	uint64_t pa;   /* physical address of the first byte */
	uint64_t size; /* bytes, a multiple of HAL_PAGE_SIZE */
};

/* The framebuffer, or NULL if there is no display. */
const struct gpu_fb *gpu_fb(void);

/* Show the rectangle (x, y, w, h) of the framebuffer on the screen: copy
   it to the device's resource and flush it to the display. The caller
   checked that it lies inside the screen. 0, or -1 if the device failed. */
int gpu_flush(uint32_t x, uint32_t y, uint32_t w, uint32_t h);

/* fbcon.c: if there is a display, mirror the console on it from now on
   (at boot, after the devices are found). */
void fbcon_init(void);

#endif
