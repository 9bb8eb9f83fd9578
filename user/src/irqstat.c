/* irqstat - the interrupts the kernel has taken since boot (chapter 9):
   per line, its handler's name and count; the timer's; how many times a
   driver polled a device after boot instead of sleeping (0 when every
   driver is interrupt-driven); interrupts nobody handled; the most disk
   requests that were at the device at once. */
#include "ulib.h"

int main(void)
{
	struct irqstat st;
	long n = irqstat(&st);
	if (n < 0) {
		printf("irqstat: the kernel says %ld\n", n);
		return 1;
	}
	printf("irqstat: line  interrupts  handler\n");
	for (long i = 0; i < n; i++)
		printf("irqstat: %4d  %10lu  %s%s\n", st.line[i].line, st.line[i].count,
		       st.line[i].name, st.line[i].masked ? " (masked: no handler)" : "");
	printf("irqstat: timer %lu\n", st.timer);
	printf("irqstat: busy-wait loops after boot %lu\n", st.busy_waits);
	printf("irqstat: unhandled %lu\n", st.unhandled);
	printf("irqstat: disk requests in flight at most %u (since the last irqstat)\n",
	       st.disk_in_flight_max);
	return 0;
}
