/* ch8_labtest - what `make grade CHAPTER=8` boots as the first process:
   a few programs of earlier chapters and labs (the base), then the tests
   of the chapter 8 lab (deadlock detection), one at a time (tests/grade.py). */
#include "ulib.h"

static const char *tests[] = {"ch5b_forktest_simple", "ch6_file1",	   "threads_arg",
			      "ch8_deadlock_mutex1",  "ch8_deadlock_sem1", "ch8_deadlock_sem2"};

int main(void)
{
	return run_labtests("ch8", tests, (int)(sizeof(tests) / sizeof(tests[0])), 5000);
}
