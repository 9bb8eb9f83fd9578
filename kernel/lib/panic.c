/*
 * panic.c - stop the kernel with a message.
 *
 * Prints "[kernel] PANIC at file:line: message" and powers off with the
 * failure status, so a test sees both the message and a failing exit.
 */
#include "lib/lib.h"

void panic_at(const char *file, int line, const char *fmt, ...)
{
	hal_intr_off();
	va_list ap;
	va_start(ap, fmt);
	printf("\x1b[31m[kernel] PANIC at %s:%d: ", file, line);
	vprintf(fmt, ap);
	printf("\x1b[0m\n");
	va_end(ap);
	printf("[kernel] power off (failure)\n");
	hal_power_off(true);
}
