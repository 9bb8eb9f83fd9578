/* threads - rCore's threads: three threads print 1000 a's, b's and c's
   and exit with 1, 2 and 3; main waits for each and reports its code. */
#include "ulib.h"

static int print_letter(long c)
{
	for (int i = 0; i < 1000; i++)
		printf("%c", (char)c);
	exit((int)(c - 'a' + 1));
}

int main(void)
{
	long tids[3];
	for (int i = 0; i < 3; i++)
		tids[i] = thread_create(print_letter, 'a' + i);
	int ok = 1;
	for (int i = 0; i < 3; i++) {
		long code = waittid(tids[i]);
		printf("thread#%ld exited with code %ld\n", tids[i], code);
		ok &= tids[i] == i + 1 && code == i + 1;
	}
	printf("main thread exited.\n");
	if (!ok) {
		printf("threads: wrong thread ids or exit codes\n");
		return 1;
	}
	printf("threads test passed!\n");
	return 0;
}
