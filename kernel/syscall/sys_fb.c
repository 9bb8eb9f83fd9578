/*
 * sys_fb.c - the screen's system calls (chapter 9), over the virtio-gpu
 * driver (drivers/gpu.h):
 *   framebuffer()            (2000, rCore's) map the framebuffer into the
 *                            caller, writable; returns its address. A
 *                            second call returns the same mapping.
 *   framebuffer_flush()      (2001, rCore's) show the whole screen
 *   framebuffer_flush_rect(x, y, w, h)  (2002) show a rectangle of it
 *   fb_info(struct fb_info *)  (2003) width, height, stride (abi/fb.h)
 * Without a display every call returns -ENODEV. A flush before the
 * caller mapped the framebuffer, or of a rectangle not inside the screen
 * (or empty), is -EINVAL. The frames stay the driver's: a process that
 * exits (or execs) only loses its mapping; a forked child shares it.
 * While any process has it mapped, the text console (drivers/fbcon.c)
 * leaves the screen alone; mapping it also takes the keyboard's events
 * (input_claim).
 */
#include "syscall/syscall.h"
#include "drivers/gpu.h"
#include "drivers/input.h"
#include "abi/fb.h"

/* Where framebuffer() looks for room: above the user stack, in steps. */
#define FB_USER_BASE 0x50000000UL
#define FB_USER_STEP 0x10000000UL

/* The caller's mapping of the framebuffer, or NULL. */
static struct area *fb_area(struct proc *p)
{
	for (int i = 0; i < p->vm.nareas; i++)
		if (p->vm.areas[i].kind == AREA_DEVICE)
			return &p->vm.areas[i];
	return NULL;
}

long sys_framebuffer(struct proc *p, const uint64_t a[6])
{
	(void)a;
	const struct gpu_fb *fb = gpu_fb();
	if (fb == NULL)
		return -ENODEV;
	input_claim(p->pid); /* a program with the screen has the keys too */
	struct area *ar = fb_area(p);
	if (ar != NULL)
		return (long)ar->start;
	int flags = HAL_PTE_R | HAL_PTE_W | HAL_PTE_U;
	for (uint64_t va = FB_USER_BASE; va + fb->size <= hal_user_end() && va + fb->size > va;
	     va += FB_USER_STEP) {
		if (vm_overlaps(&p->vm, va, va + fb->size))
			continue;
		if (vm_map_device(&p->vm, va, va + fb->size, fb->pa, flags) != 0)
			return -ENOMEM;
		return (long)va;
	}
	return -ENOMEM;
}

/* Flush (x, y, w, h) for a caller that mapped the framebuffer. */
static long flush(struct proc *p, uint64_t x, uint64_t y, uint64_t w, uint64_t h)
{
	const struct gpu_fb *fb = gpu_fb();
	if (fb == NULL)
		return -ENODEV;
	if (fb_area(p) == NULL)
		return -EINVAL;
	if (w == 0 || h == 0 || x >= fb->width || y >= fb->height || w > fb->width - x ||
	    h > fb->height - y)
		return -EINVAL;
	return gpu_flush((uint32_t)x, (uint32_t)y, (uint32_t)w, (uint32_t)h) == 0 ? 0 : -EIO;
}

long sys_framebuffer_flush(struct proc *p, const uint64_t a[6])
{
	(void)a;
	const struct gpu_fb *fb = gpu_fb();
	if (fb == NULL)
		return -ENODEV;
	return flush(p, 0, 0, fb->width, fb->height);
}

long sys_framebuffer_flush_rect(struct proc *p, const uint64_t a[6])
{
	return flush(p, a[0], a[1], a[2], a[3]);
}

long sys_fb_info(struct proc *p, const uint64_t a[6])
{
	const struct gpu_fb *fb = gpu_fb();
	if (fb == NULL)
		return -ENODEV;
	struct fb_info info = {fb->width, fb->height, fb->stride, 32, fb->size};
	if (copy_to_user(p, a[0], &info, sizeof(info)) != 0)
		return -EFAULT;
	return 0;
}
