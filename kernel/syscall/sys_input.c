/*
 * sys_input.c - input events (chapter 9, drivers/virtio_input.c):
 * event_get (3000) and key_pressed (3001), rCore's, and input_wait (3002),
 * ours, so that a program waiting for a key sleeps instead of spinning;
 * input_abs_info (3003), ours: a tablet's range, to scale its positions
 * to the screen. Each event call makes the caller the events' owner if
 * none is alive (input_claim): from then on the keys are its, not the
 * console's.
 */
#include "syscall/syscall.h"
#include "drivers/input.h"

long sys_event_get(struct proc *p, const uint64_t a[6])
{
	(void)a;
	input_claim(p->pid);
	return (long)input_event_get();
}

long sys_key_pressed(struct proc *p, const uint64_t a[6])
{
	(void)a;
	input_claim(p->pid);
	return input_key_pressed() ? 1 : 0;
}

/* input_wait(timeout_ms): 0 once an event waits; -ETIMEDOUT, -EINTR,
   -ENODEV (no input device), -EINVAL for a negative timeout. */
long sys_input_wait(struct proc *p, const uint64_t a[6])
{
	input_claim(p->pid);
	int64_t ms = (int64_t)a[0];
	if (ms < 0)
		return -EINVAL;
	uint64_t freq = hal_time_freq();
	uint64_t ticks =
	    (uint64_t)ms > UINT64_MAX / freq ? UINT64_MAX / 2 : (uint64_t)ms * freq / 1000;
	return input_wait(hal_time() + ticks);
}

/* input_abs_info(axis, struct input_absinfo *): the range of an absolute
   axis (ABS_X, ABS_Y; abi/input.h) of the first device that has it: 0;
   -ENODEV if none has it, -EFAULT. */
long sys_input_abs_info(struct proc *p, const uint64_t a[6])
{
	struct input_absinfo info;
	if (a[0] > UINT32_MAX || input_abs_info((uint32_t)a[0], &info) != 0)
		return -ENODEV;
	if (copy_to_user(p, a[1], &info, sizeof(info)) != 0)
		return -EFAULT;
	return 0;
}
