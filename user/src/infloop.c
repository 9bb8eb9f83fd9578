/* infloop - spin for ever (until a signal, e.g. Ctrl-C, ends it). */
#include "ulib.h"

int main(void)
{
	for (;;)
		;
}
