/* ch6_labtest - what `make grade CHAPTER=6` boots as the first process:
   a few programs of earlier chapters and labs (the base), then the tests
   of the chapter 6 lab (fstat, linkat and unlinkat), one at a time (tests/grade.py). */
#include "ulib.h"

static const char *tests[] = {"ch5b_forktest_simple",
			      "ch6b_filetest_simple",
			      "ch5_spawn1",
			      "ch6_file0",
			      "ch6_file1",
			      "ch6_file2",
			      "ch6_file3"};

int main(void)
{
	return run_labtests("ch6", tests, (int)(sizeof(tests) / sizeof(tests[0])), 0);
}
