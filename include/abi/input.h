/*
 * input.h - input events (chapter 9): the numbers a program needs to read
 * event_get's answers, and what input_abs_info (syscall 3003) fills in.
 * Shared by the kernel and user programs. The numbers are Linux's
 * (include/uapi/linux/input-event-codes.h), which virtio-input uses.
 *
 * event_get() packs an event as type << 48 | code << 32 | value.
 */
#ifndef ABI_INPUT_H
#define ABI_INPUT_H

#include <stdint.h>

/* event types */
#define EV_SYN 0 /* the end of a group of events */
#define EV_KEY 1 /* a key or a button: value 1 pressed, 0 released */
#define EV_REL 2 /* a mouse's motion: value is the change */
#define EV_ABS 3 /* a tablet's position: value in the axis' range */

/* axes (the code of an EV_REL or EV_ABS event) */
#define REL_X 0
#define REL_Y 1
#define ABS_X 0
#define ABS_Y 1

/* a few keys and buttons (the code of an EV_KEY event) */
#define KEY_Q 16
#define KEY_W 17
#define KEY_A 30
#define KEY_S 31
#define KEY_D 32
#define KEY_C 46
#define BTN_LEFT 0x110

/* An absolute axis, as its device describes it (virtio-input's
   virtio_input_absinfo): a position runs from min to max. */
struct input_absinfo {
	int32_t min;
	int32_t max;
	int32_t fuzz; /* noise the device may add */
	int32_t flat; /* dead zone around the centre (joysticks) */
	int32_t res;  /* units per millimetre, 0 if unknown */
};

#endif
