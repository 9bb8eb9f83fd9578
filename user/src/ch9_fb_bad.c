/* ch9_fb_bad - the framebuffer calls' bad input (chapter 9): without a
   display, each call is -ENODEV; with one, input_abs_info's (a bad
   pointer, an axis no device has), then a flush
   before mapping, fb_info with a bad pointer, rectangles outside the
   screen or empty (each -EINVAL); framebuffer() twice gives the same
   address; a forked child shares the mapping and exits while mapped (the
   frames stay the driver's: the parent flushes on, and the kernel's
   free-frame count at power-off is checked by the test). */
#include "ulib.h"

static int failures;

static void expect(const char *what, long got, long want)
{
	printf("ch9_fb_bad: %s: %ld\n", what, got);
	if (got != want) {
		printf("ch9_fb_bad: FAIL: %s: expected %ld\n", what, want);
		failures++;
	}
}

int main(void)
{
	struct fb_info info;
	if (fb_info(&info) == -ENODEV) { /* no display: every call says so */
		expect("no display: framebuffer", framebuffer(), -ENODEV);
		expect("no display: flush", framebuffer_flush(), -ENODEV);
		expect("no display: flush_rect", framebuffer_flush_rect(0, 0, 1, 1), -ENODEV);
		if (failures == 0)
			printf("Test ch9 fb bad OK! (no display)\n");
		return failures != 0;
	}
	expect("flush before mapping", framebuffer_flush(), -EINVAL);
	expect("flush_rect before mapping", framebuffer_flush_rect(0, 0, 1, 1), -EINVAL);
	expect("fb_info, bad pointer", fb_info((struct fb_info *)8), -EFAULT);
	/* the tablet (on every chapter-9 line): its range, and bad input */
	struct input_absinfo abs;
	expect("input_abs_info, the tablet's y axis",
	       input_abs_info(ABS_Y, &abs) == 0 && abs.max > abs.min, 1);
	expect("input_abs_info, bad pointer", input_abs_info(ABS_X, (struct input_absinfo *)8),
	       -EFAULT);
	expect("input_abs_info, an axis nobody has", input_abs_info(40, &abs), -ENODEV);
	expect("input_abs_info, axis -1", input_abs_info(-1, &abs), -ENODEV);
	long addr = framebuffer();
	expect("framebuffer twice, same address", framebuffer() == addr && addr > 0, 1);
	long w = info.width, h = info.height;
	expect("rect right of the screen", framebuffer_flush_rect(w, 0, 1, 1), -EINVAL);
	expect("rect below the screen", framebuffer_flush_rect(0, h, 1, 1), -EINVAL);
	expect("rect too wide", framebuffer_flush_rect(0, 0, w + 1, 1), -EINVAL);
	expect("rect too tall", framebuffer_flush_rect(1, 1, 1, h), -EINVAL);
	expect("empty rect", framebuffer_flush_rect(0, 0, 0, 0), -EINVAL);
	expect("rect wrapping around", framebuffer_flush_rect(-1L, 0, 2, 1), -EINVAL);
	expect("rect with a huge width", framebuffer_flush_rect(10, 0, 0x100000000L - 5, 1),
	       -EINVAL);
	expect("rect in the corner", framebuffer_flush_rect(w - 1, h - 1, 1, 1), 0);

	uint32_t *fb = (uint32_t *)addr;
	long pid = fork();
	if (pid == 0) {
		/* the child sees the same framebuffer and exits with it mapped */
		fb[0] = 0x00ff00;
		exit(framebuffer() == addr && framebuffer_flush_rect(0, 0, 1, 1) == 0 ? 7 : 1);
	}
	int code = -1;
	waitpid(pid, &code);
	expect("the child drew and flushed", code, 7);
	expect("the parent sees the child's pixel", fb[0] == 0x00ff00, 1);
	expect("flush after the child exited", framebuffer_flush(), 0);
	if (failures == 0)
		printf("Test ch9 fb bad OK!\n");
	return failures != 0;
}
