/*
 * input.h - input events from keyboards, mice and tablets (chapter 9,
 * drivers/virtio_input.c), for the system calls. An event is packed as
 * type << 48 | code << 32 | value (Linux's input event numbers: EV_KEY
 * with a key code and 1 pressed / 0 released, EV_REL or EV_ABS with an
 * axis and a value, EV_SYN ending a group).
 *
 * The events are kept for one process, the one that asked for them
 * (input_claim); while none does, the keys type on the console instead,
 * and the other events are dropped.
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
/* Process `pid` takes the events (it called an input system call or
   mapped the framebuffer): from now on they are kept for it, until it
   exits; the keys no longer type on the console. Events of before are
   dropped. Nothing changes while another live process has them. */
void input_claim(int pid);

/* keyboard.c: a key event (EV_KEY: code, value 1 pressed, 2 repeated, 0
   released) as the character it types (US layout), or -1 for none. It
   follows Shift, Ctrl and Caps Lock: give it every key event. */
int keyboard_key(uint32_t code, uint32_t value);

#endif
