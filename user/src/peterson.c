/* peterson - rCore's peterson: two threads take turns in a critical
   section with Peterson's algorithm, sleeping 1 ms while they wait and
   three times 2 ms inside. A guard counter, changed atomically, catches
   two threads inside at once (the thread then exits with -1).
   argv[1]: the rounds per thread (rCore's 1000 by default). */
#include "ulib.h"

static volatile int flag[2];
static volatile long turn;
static int guard;
static long rounds = 1000;

static int thread_fn(long id)
{
	long peer = id ^ 1;
	for (long it = 0; it < rounds; it++) {
		if (it % 10 == 0)
			printf("[%ld] it=%ld\n", id, it);
		flag[id] = 1;
		turn = peer;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		while (flag[peer] && turn == peer)
			sleep(1);
		if (__atomic_fetch_add(&guard, 1, __ATOMIC_SEQ_CST) != 0)
			return -1;
		for (int i = 0; i < 3; i++) {
			if (__atomic_load_n(&guard, __ATOMIC_SEQ_CST) != 1)
				return -1;
			sleep(2);
		}
		if (__atomic_fetch_sub(&guard, 1, __ATOMIC_SEQ_CST) != 1)
			return -1;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		flag[id] = 0;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2) {
		rounds = 0;
		for (const char *p = argv[1]; *p >= '0' && *p <= '9'; p++)
			rounds = rounds * 10 + (*p - '0');
	}
	long tids[2] = {thread_create(thread_fn, 0), thread_create(thread_fn, 1)};
	for (int i = 0; i < 2; i++) {
		long code = waittid(tids[i]);
		if (code != 0) {
			printf("thread conflict happened! (thread#%ld exited with code %ld)\n",
			       tids[i], code);
			abort();
		}
		printf("thread#%ld exited with code %ld\n", tids[i], code);
	}
	printf("main thread exited.\n");
	return 0;
}
