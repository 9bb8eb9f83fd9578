/* mpsc_sem - rCore's mpsc_sem: four producers and one consumer share a
   ring buffer of 8 slots, guarded by three semaphores (a mutex, the empty
   slots, the filled ones). The consumer prints every id it takes; each
   producer's 100 ids must all arrive. */
#include "ulib.h"

#define SEM_MUTEX 0
#define SEM_EMPTY 1
#define SEM_AVAIL 2
#define BUFFER_SIZE 8
#define PRODUCERS 4
#define PER_PRODUCER 100

static long buffer[BUFFER_SIZE];
static int front, tail;
static int received[PRODUCERS];

static int producer(long id)
{
	for (int i = 0; i < PER_PRODUCER; i++) {
		semaphore_down(SEM_EMPTY);
		semaphore_down(SEM_MUTEX);
		buffer[tail] = id;
		tail = (tail + 1) % BUFFER_SIZE;
		semaphore_up(SEM_MUTEX);
		semaphore_up(SEM_AVAIL);
	}
	return 0;
}

static int consumer(long unused)
{
	(void)unused;
	for (int i = 0; i < PRODUCERS * PER_PRODUCER; i++) {
		semaphore_down(SEM_AVAIL);
		semaphore_down(SEM_MUTEX);
		long id = buffer[front];
		front = (front + 1) % BUFFER_SIZE;
		semaphore_up(SEM_MUTEX);
		semaphore_up(SEM_EMPTY);
		printf("%ld ", id);
		if (id >= 0 && id < PRODUCERS)
			received[id]++;
	}
	printf("\n");
	return 0;
}

int main(void)
{
	assert(semaphore_create(1) == SEM_MUTEX);
	assert(semaphore_create(BUFFER_SIZE) == SEM_EMPTY);
	assert(semaphore_create(0) == SEM_AVAIL);
	long tids[PRODUCERS + 1];
	for (long i = 0; i < PRODUCERS; i++)
		tids[i] = thread_create(producer, i);
	tids[PRODUCERS] = thread_create(consumer, 0);
	for (int i = 0; i <= PRODUCERS; i++)
		waittid(tids[i]);
	for (int i = 0; i < PRODUCERS; i++)
		if (received[i] != PER_PRODUCER) {
			printf("mpsc_sem: %d ids from producer %d, not %d\n", received[i], i,
			       PER_PRODUCER);
			return 1;
		}
	printf("mpsc_sem passed!\n");
	return 0;
}
