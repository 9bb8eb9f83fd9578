/* sig_simple2 - a parent sends SIGUSR1 to its sleeping child, which
   catches it and goes on. */
#include "ulib.h"

static void func(int signum)
{
	(void)signum;
	printf("user_sig_test passed\n");
	sigreturn();
}

int main(void)
{
	long pid = fork();
	if (pid == 0) {
		struct sigaction new = {0}, old = {0};
		new.handler = (uint64_t)func;
		printf("signal_simple2: child sigaction\n");
		if (sigaction(SIGUSR1, &new, &old) < 0) {
			printf("Sigaction failed!\n");
			exit(-1);
		}
		sleep(1000);
		printf("signal_simple2: child done\n");
		exit(0);
	}
	assert(pid > 0);
	printf("signal_simple2: parent kill child\n");
	sleep(500);
	if (kill(pid, SIGUSR1) < 0) {
		printf("Kill failed!\n");
		exit(1);
	}
	printf("signal_simple2: parent wait child\n");
	int code = 0;
	waitpid(pid, &code);
	printf("signal_simple2: parent Done\n");
	return 0;
}
