/* initproc - the first process of chapter 7 on: start user_shell, then
   reap every zombie handed to us (orphans come here), saying so. When the
   shell exits, so do we, and the kernel powers off. Ctrl-C is never for
   us: we ignore SIGINT. */
#include "ulib.h"

int main(void)
{
	struct sigaction ign = {SIG_IGN, 0, 0};
	sigaction(SIGINT, &ign, NULL);
	long shell = fork();
	if (shell == 0) {
		struct sigaction dfl = {SIG_DFL, 0, 0};
		sigaction(SIGINT, &dfl, NULL);
		char *argv[] = {"user_shell", NULL};
		exec("user_shell", argv);
		printf("[initproc] cannot start user_shell\n");
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
