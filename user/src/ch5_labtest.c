/* ch5_labtest - what `make grade CHAPTER=5` boots as the first process:
   a few programs of earlier chapters and labs (the base), then the tests
   of the chapter 5 lab (spawn, set_priority and stride), one at a time (tests/grade.py). */
#include "ulib.h"

static const char *tests[] = {"ch5b_forktest_simple", "ch3_taskinfo", "ch4_mmap0", "ch5_spawn0",
			      "ch5_spawn1",	      "ch5_setprio",  "ch5_stride"};

int main(void)
{
	return run_labtests("ch5", tests, (int)(sizeof(tests) / sizeof(tests[0])), 0);
}
