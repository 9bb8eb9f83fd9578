/* code.c - run a copy of a function (ret42, from <arch>/code.S) from any
   memory: the ch4_exec_* tests of no-execute pages. */
#include "ulib.h"

int call_copy(void *where)
{
	size_t len = (size_t)(ret42_end - (const char *)ret42);
	memcpy(where, (const void *)ret42, len);
	sync_icache(where, len);
	int (*copy)(void) = (int (*)(void))where;
	return copy();
}
