/* adder_peterson_spin - rCore's adder_peterson_spin: Peterson's algorithm for
   two threads (id 0 and 1), waiting in a busy loop. Exact with exactly two
   threads; the fence keeps the flag's store before the reads of the
   other's flag (it matters on a multiprocessor). */
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
		;
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
	return adder_main(argc, argv, "adder_peterson_spin", 2, 2000, NULL);
}
