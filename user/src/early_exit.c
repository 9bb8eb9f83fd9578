/* early_exit - rCore's early_exit: main starts a thread that prints the
   numbers 0..999 and exits at once: the exit of the main thread ends the
   whole process, the other thread wherever it is. */
#include "ulib.h"

static int thread_a(long unused)
{
	(void)unused;
	for (int i = 0; i < 1000; i++)
		printf("%d", i);
	exit(1);
}

int main(void)
{
	thread_create(thread_a, 0);
	printf("main thread exited.\n");
	exit(0);
}
