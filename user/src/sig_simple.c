/* sig_simple - catch SIGUSR1 sent to ourselves; the handler ends with
   sigreturn(), as rCore's does. */
#include "ulib.h"

static void func(int signum)
{
	(void)signum;
	printf("user_sig_test passed\n");
	sigreturn();
}

int main(void)
{
	struct sigaction new = {0}, old = {0};
	new.handler = (uint64_t)func;
	printf("signal_simple: sigaction\n");
	if (sigaction(SIGUSR1, &new, &old) < 0) {
		printf("Sigaction failed!\n");
		return -1;
	}
	printf("signal_simple: kill\n");
	if (kill(getpid(), SIGUSR1) < 0) {
		printf("Kill failed!\n");
		exit(1);
	}
	printf("signal_simple: Done\n");
	return 0;
}
