/* eisenberg - rCore's eisenberg: ten threads share a critical section by
   the Eisenberg-McGuire algorithm (a turn and a flag per thread: out,
   want, in), twice each, created in a shuffled order. A guard counter
   catches two threads inside at once (the thread then exits with -1). */
#include "ulib.h"

#define ROUNDS 2
#define THREADS 10

enum flag_state { OUT, WANT, IN };

static volatile long turn;
static volatile enum flag_state flag[THREADS];
static int guard;

static void enter(long id)
{
	for (;;) {
		printf("Thread[%ld] try enter\n", id);
		flag[id] = WANT;
		for (;;) {
			/* is a thread before us, counting from turn, wanting or in? */
			long t = turn, ring = id < t ? id + THREADS : id, prior = -1;
			for (long i = t; i < ring; i++)
				if (flag[i % THREADS] != OUT) {
					prior = i % THREADS;
					break;
				}
			if (prior < 0)
				break;
			printf("Thread[%ld]: prior thread %ld exist, sleep and retry\n", id, prior);
			sleep(1);
		}
		flag[id] = IN; /* claim it tentatively */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		int conflict = 0;
		for (long i = 0; i < THREADS; i++)
			if (i != id && flag[i] == IN)
				conflict = 1;
		if (!conflict)
			break;
		printf("Thread[%ld]: CONFLECT!\n", id);
	}
	turn = id;
	printf("Thread[%ld] enter\n", id);
}

static void leave(long id)
{
	long next = id; /* give the turn to the next one that wants it */
	for (long i = id + 1; i < id + THREADS; i++)
		if (flag[i % THREADS] == WANT) {
			next = i % THREADS;
			break;
		}
	turn = next;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	flag[id] = OUT;
	printf("Thread[%ld] exit, give turn to %ld\n", id, next);
}

static int thread_fn(long id)
{
	printf("Thread[%ld] init.\n", id);
	for (int r = 0; r < ROUNDS; r++) {
		enter(id);
		if (__atomic_fetch_add(&guard, 1, __ATOMIC_SEQ_CST) != 0)
			return -1;
		for (int i = 0; i < 3; i++) {
			if (__atomic_load_n(&guard, __ATOMIC_SEQ_CST) != 1)
				return -1;
			sleep(2);
		}
		if (__atomic_fetch_sub(&guard, 1, __ATOMIC_SEQ_CST) != 1)
			return -1;
		leave(id);
	}
	return 0;
}

int main(void)
{
	static const long shuffle[THREADS] = {0, 7, 4, 6, 2, 9, 8, 1, 3, 5};
	long tids[THREADS];
	for (int i = 0; i < THREADS; i++)
		tids[i] = thread_create(thread_fn, shuffle[i]);
	for (int i = 0; i < THREADS; i++) {
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
