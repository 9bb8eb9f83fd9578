/* early_exit2 - rCore's early_exit2: a thread goes to sleep for a second;
   main exits after 100 ms, which ends the process with the thread still
   asleep: "exit thread_a" must never be printed. */
#include "ulib.h"

static int thread_a(long unused)
{
	(void)unused;
	printf("into thread_a\n");
	sleep(1000);
	printf("exit thread_a\n");
	exit(1);
}

int main(void)
{
	thread_create(thread_a, 0);
	sleep(100);
	printf("main thread exited.\n");
	exit(0);
}
