/* ch5b_initproc - the first process: start the shell, then reap every
   zombie handed to us (orphans come here), saying so. When the shell
   exits, so do we, and the kernel powers off. */
#include "ulib.h"

int main(void)
{
	long shell = fork();
	if (shell == 0) {
		exec("ch5b_user_shell", NULL);
		printf("[initproc] cannot start ch5b_user_shell\n");
		exit(-1);
	}
	for (;;) {
		int code = 0;
		long pid = wait(&code);
		if (pid == shell) {
			printf("[initproc] the shell exited with code %d; goodbye\n", code);
			return code;
		}
		if (pid > 0)
			printf("[initproc] Released a zombie process, pid=%ld, exit_code=%d\n", pid,
			       code);
	}
}
