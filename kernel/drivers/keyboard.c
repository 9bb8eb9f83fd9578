/*
 * keyboard.c - typing (chapter 9): the key events of a keyboard (Linux key
 * codes, drivers/virtio_input.c) become the characters a terminal would
 * send for them, US layout, for the console's input (console.c). Shift
 * gives capitals and the upper symbols, Caps Lock capitals, Ctrl a
 * control character (Ctrl-C is 0x03, which the console turns into SIGINT);
 * Enter is '\r', Backspace 0x7f (DEL), as on a serial line. The keypad
 * types its digits. Keys with no character (arrows, F1...) type nothing.
 */
#include "drivers/input.h"

#define KEY_LEFTCTRL 29
#define KEY_LEFTSHIFT 42
#define KEY_RIGHTSHIFT 54
#define KEY_CAPSLOCK 58
#define KEY_KP7 71 /* the keypad: 71..83 */
#define KEY_KPDOT 83
#define KEY_KPENTER 96
#define KEY_RIGHTCTRL 97
#define KEY_KPSLASH 98

/* Key code -> character, without and with Shift (codes 0..57). */
static const char plain[] = "\0\x1b"
			    "1234567890-=\x7f\t"
			    "qwertyuiop[]\r\0"
			    "asdfghjkl;'`\0\\"
			    "zxcvbnm,./\0*\0 ";
static const char shifted[] = "\0\x1b"
			      "!@#$%^&*()_+\x7f\t"
			      "QWERTYUIOP{}\r\0"
			      "ASDFGHJKL:\"~\0|"
			      "ZXCVBNM<>?\0*\0 ";
static const char keypad[] = "789-456+1230."; /* KEY_KP7..KEY_KPDOT */

static bool shift[2], ctrl[2], caps_lock;

int keyboard_key(uint32_t code, uint32_t value)
{
	bool down = value != 0; /* 1 pressed, 2 repeated, 0 released */
	switch (code) {
	case KEY_LEFTSHIFT:
	case KEY_RIGHTSHIFT:
		shift[code == KEY_RIGHTSHIFT] = down;
		return -1;
	case KEY_LEFTCTRL:
	case KEY_RIGHTCTRL:
		ctrl[code == KEY_RIGHTCTRL] = down;
		return -1;
	case KEY_CAPSLOCK:
		if (value == 1)
			caps_lock = !caps_lock;
		return -1;
	default:
		break;
	}
	if (!down)
		return -1;
	char c = 0;
	if (code < sizeof(plain) - 1) {
		bool up = shift[0] || shift[1];
		c = up ? shifted[code] : plain[code];
		if (caps_lock && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			c = up ? plain[code] : shifted[code];
	} else if (code >= KEY_KP7 && code <= KEY_KPDOT) {
		c = keypad[code - KEY_KP7];
	} else if (code == KEY_KPENTER) {
		c = '\r';
	} else if (code == KEY_KPSLASH) {
		c = '/';
	}
	if (c == 0)
		return -1;
	if ((ctrl[0] || ctrl[1]) && ((c >= '@' && c <= '_') || (c >= 'a' && c <= 'z')))
		c &= 0x1f; /* Ctrl-A is 1, ..., Ctrl-C 3 */
	return (unsigned char)c;
}
