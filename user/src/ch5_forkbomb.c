/* ch5_forkbomb - fork until the kernel refuses. Each child waits until
   the parent has stopped forking, so they pile up; fork must then fail
   with -1 (process table or memory full), the kernel must survive, and
   once all children are reaped fork works again. */
#include "ulib.h"

int main(void)
{
	long n = 0, pid;
	long t0 = get_time();
	while ((pid = fork()) > 0)
		n++;
	if (pid == 0) { /* a child: linger a little, then go */
		sleep_ms(200);
		exit(7);
	}
	printf("forkbomb: fork failed with %ld after %ld children (%ld ms)\n", pid, n,
	       get_time() - t0);
	int code, reaped = 0;
	while (wait(&code) > 0)
		reaped += code == 7;
	printf("forkbomb: reaped %d of %ld children\n", reaped, n);
	assert(reaped == n && n > 0);
	pid = fork();
	if (pid == 0)
		exit(0);
	assert(pid > 0 && waitpid(pid, &code) == pid);
	printf("Test fork bomb OK!\n");
	return 0;
}
