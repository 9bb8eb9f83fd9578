/* inputdev_event - print the input events of the keyboards, mice and
   tablets, decoded (rCore's program, over our input_wait so it sleeps
   between events). Stops after `count` events (default 20) or after 30 s
   without one. */
#include "ulib.h"

/* A decimal argument; -1 if it is not one. */
static long number(const char *s)
{
	long n = 0;
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

static const char *type_name(long type)
{
	switch (type) {
	case 0:
		return "SYN";
	case 1:
		return "KEY";
	case 2:
		return "REL";
	case 3:
		return "ABS";
	default:
		return "?";
	}
}

int main(int argc, char **argv)
{
	long count = argc > 1 ? number(argv[1]) : 20;
	if (count < 0) {
		printf("usage: inputdev_event [count]\n");
		return 1;
	}
	printf("inputdev_event: waiting for %ld events\n", count);
	for (long n = 0; n < count;) {
		long r = input_wait(30000);
		if (r != 0) {
			printf("inputdev_event: %s\n", r == -ENODEV	 ? "no input device"
						       : r == -ETIMEDOUT ? "30 s without an event"
									 : "interrupted");
			return r == -ENODEV ? 1 : 0;
		}
		long e;
		while (n < count && (e = event_get()) != 0) {
			long type = (e >> 48) & 0xffff, code = (e >> 32) & 0xffff;
			int value = (int)(e & 0xffffffff);
			if (type == 0)
				continue; /* the end of a group: nothing to say */
			printf("inputdev_event: %s code %ld value %d\n", type_name(type), code,
			       value);
			n++;
		}
	}
	printf("inputdev_event: done\n");
	return 0;
}
