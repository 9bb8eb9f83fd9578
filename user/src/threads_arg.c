/* threads_arg - rCore's threads_arg: like threads, but each thread gets a
   pointer to its own argument (the letter to print and its exit code),
   and ends by returning the code instead of calling exit. */
#include "ulib.h"

struct argument {
	char ch;
	int rc;
};

static int thread_print(long arg)
{
	const struct argument *a = (const struct argument *)arg;
	for (int i = 0; i < 1000; i++)
		printf("%c", a->ch);
	return a->rc;
}

int main(void)
{
	static const struct argument args[3] = {{'a', 1}, {'b', 2}, {'c', 3}};
	long tids[3];
	for (int i = 0; i < 3; i++)
		tids[i] = thread_create(thread_print, (long)&args[i]);
	int ok = 1;
	for (int i = 0; i < 3; i++) {
		long code = waittid(tids[i]);
		printf("thread#%ld exited with code %ld\n", tids[i], code);
		ok &= code == args[i].rc;
	}
	printf("main thread exited.\n");
	if (!ok) {
		printf("threads_arg: wrong exit codes\n");
		return 1;
	}
	printf("threads with arg test passed!\n");
	return 0;
}
