/* inputdev_event - print the input events of the keyboards, mice and
   tablets, decoded (rCore's program, over our input_wait so it sleeps
   between events). Stops after `count` events (default 20, at most
   MAX_SUMMARY in the summary) or after 30 s without one, then prints them
   again on one summary line, a moment later: a test that sends the keys
   through QEMU's monitor reads that line whole, whatever the monitor's
   echo did to the others. */
#include "ulib.h"

#define MAX_SUMMARY 32

static char summary[MAX_SUMMARY * 24];
static int summary_len;

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
	long count = number_arg(argc, argv, 1, 20);
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
			if (n < MAX_SUMMARY)
				summary_len += snprintf(
				    summary + summary_len, sizeof(summary) - summary_len,
				    "%s%s %ld %d", n > 0 ? ", " : "", type_name(type), code, value);
			n++;
		}
	}
	sleep(300);
	printf("inputdev_event: summary: %s\n", summary);
	printf("inputdev_event: done\n");
	return 0;
}
