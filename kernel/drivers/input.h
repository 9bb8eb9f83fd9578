/*
 * input.h - input events from keyboards, mice and tablets (chapter 9,
 * drivers/virtio_input.c), for the system calls. An event is packed as
 * type << 48 | code << 32 | value (Linux's input event numbers: EV_KEY
 * with a key code and 1 pressed / 0 released, EV_REL or EV_ABS with an
 * axis and a value, EV_SYN ending a group).
 */
#ifndef DRIVERS_INPUT_H
#define DRIVERS_INPUT_H

#include "lib/lib.h"
#include "abi/input.h"

/* The oldest event no program has taken, taken; 0 if there is none. */
uint64_t input_event_get(void);
/* Is a key or button event waiting? */
bool input_key_pressed(void);
/* Sleep until an event is waiting: 0; -ETIMEDOUT at hal_time() deadline,
   -EINTR for a signal, -ENODEV without an input device. */
int input_wait(uint64_t deadline);
/* How many input devices there are. */
int input_count(void);
/* The range of absolute axis `axis` (ABS_X, ...) of the first device
   that has it, from its configuration space: 0; -ENODEV if none has it. */
int input_abs_info(uint32_t axis, struct input_absinfo *out);

#endif
