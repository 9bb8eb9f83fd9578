/* ch5_spawn1 - wait and waitpid return the right pids and exit codes. */
#include "ulib.h"

int main(void)
{
	long cpid = spawn("ch5_exit0");
	assert(cpid >= 0);
	printf("new child %ld\n", cpid);
	int exit_code = 0;
	assert(wait(&exit_code) == cpid);
	assert(exit_code == 66778);
	test_ok("Test wait OK!");
	long cpid0 = spawn("ch5_exit0"), cpid1 = spawn("ch5_exit1");
	assert(waitpid(cpid1, &exit_code) == cpid1);
	assert(exit_code == -233);
	assert(wait(&exit_code) == cpid0);
	assert(exit_code == 66778);
	test_ok("Test waitpid OK!");
	return 0;
}
