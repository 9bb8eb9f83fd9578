/* barrier_condvar - rCore's barrier_condvar: three threads print 300 a's,
   meet at a barrier (a mutex, a condition variable and a count), print
   300 b's, meet at a second barrier, print 300 c's. No b may come before
   the last a, nor a c before the last b: main checks the order it saw. */
#include "ulib.h"

#define THREADS 3

struct barrier {
	long mutex, condvar;
	int count;
};

static struct barrier ab, bc;
static volatile int printed[3]; /* a's, b's and c's so far */
static volatile int out_of_order;

static void barrier_init(struct barrier *b)
{
	b->mutex = mutex_create();
	b->condvar = condvar_create();
	b->count = 0;
}

static void barrier_block(struct barrier *b)
{
	mutex_lock(b->mutex);
	b->count++;
	if (b->count == THREADS) {
		condvar_signal(b->condvar);
	} else {
		condvar_wait(b->condvar, b->mutex);
		condvar_signal(b->condvar); /* wake the next waiter in turn */
	}
	mutex_unlock(b->mutex);
}

static void print_phase(int phase)
{
	for (int i = 0; i < 300; i++) {
		if (phase > 0 && printed[phase - 1] != 300 * THREADS)
			out_of_order = 1;
		printf("%c", 'a' + phase);
		__atomic_fetch_add(&printed[phase], 1, __ATOMIC_SEQ_CST);
	}
}

static int thread_fn(long unused)
{
	(void)unused;
	print_phase(0);
	barrier_block(&ab);
	print_phase(1);
	barrier_block(&bc);
	print_phase(2);
	return 0;
}

int main(void)
{
	barrier_init(&ab);
	barrier_init(&bc);
	long tids[THREADS];
	for (int i = 0; i < THREADS; i++)
		tids[i] = thread_create(thread_fn, 0);
	for (int i = 0; i < THREADS; i++)
		waittid(tids[i]);
	printf("\n");
	if (out_of_order) {
		printf("barrier_condvar: a thread passed a barrier too early\n");
		return 1;
	}
	printf("OK!\n");
	return 0;
}
