/* ch5_stride - run ch5_stride0..5 (priorities 5..10) side by side. */
#include "ulib.h"

int main(void)
{
	static const char *tests[] = {"ch5_stride0", "ch5_stride1", "ch5_stride2",
				      "ch5_stride3", "ch5_stride4", "ch5_stride5"};
	long pid[6];
	for (int i = 0; i < 6; i++)
		pid[i] = start_program(tests[i]);
	set_priority(4);
	for (int i = 0; i < 6; i++) {
		int code = 0;
		assert(waitpid(pid[i], &code) == pid[i]);
	}
	return 0;
}
