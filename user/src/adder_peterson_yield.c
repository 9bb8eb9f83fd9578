/* adder_peterson_yield - rCore's adder_peterson_yield: Peterson's algorithm for
   two threads, yielding while it waits. Exact with exactly two threads. */
#include "adder.h"

static volatile int flag[2];
static volatile long turn;

static void lock(long id)
{
	long other = 1 - id;
	flag[id] = 1;
	turn = other;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	while (flag[other] && turn == other)
		sched_yield();
}

static void unlock(long id)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	flag[id] = 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && number(argv[1]) != 2) {
		printf("Peterson works when there are only 2 threads.\n");
		return 1;
	}
	return adder_main(argc, argv, "adder_peterson_yield", 2, 2000, NULL);
}
