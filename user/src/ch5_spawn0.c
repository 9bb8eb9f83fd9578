/* ch5_spawn0 - spawn 40 children running ch5_getpid and reap them all. */
#include "ulib.h"

#define MAX_CHILD 40

int main(void)
{
	for (int i = 0; i < MAX_CHILD; i++) {
		long cpid = spawn("ch5_getpid");
		assert(cpid >= 0);
		printf("new child %ld\n", cpid);
	}
	int exit_code = 0;
	for (int i = 0; i < MAX_CHILD; i++) {
		assert(wait(&exit_code) > 0);
		assert(exit_code == 0);
	}
	assert(wait(&exit_code) <= 0);
	test_ok("Test spawn0 OK!");
	return 0;
}
