/* phil_din_mutex - rCore's dining philosophers: five threads, five
   blocking mutexes (the forks), four rounds of thinking and eating for
   the times of rCore's table. Each takes the lower-numbered fork first,
   so there is no cycle and no deadlock. Then a chart: '-' thinking, 'x'
   eating, ' ' waiting, one column per 100 ms. Two neighbours must never
   eat at the same time: main checks the recorded intervals. */
#include "ulib.h"

#define N 5
#define ROUND 4
#define GRAPH_SCALE 100

static const long times[N][ROUND * 2] = {
    {700, 800, 1000, 400, 500, 600, 200, 400}, {300, 600, 200, 700, 1000, 100, 300, 600},
    {500, 200, 900, 200, 400, 600, 1200, 400}, {500, 1000, 600, 500, 800, 600, 200, 900},
    {600, 100, 600, 600, 200, 500, 600, 200},
};
static long think[N][ROUND * 2], eat[N][ROUND * 2];

static int philosopher(long id)
{
	long left = id, right = id == N - 1 ? 0 : id + 1;
	long min = left < right ? left : right, max = left + right - min;
	for (int round = 0; round < ROUND; round++) {
		think[id][2 * round] = get_time();
		sleep(times[id][2 * round]);
		think[id][2 * round + 1] = get_time();
		mutex_lock(min);
		mutex_lock(max);
		eat[id][2 * round] = get_time();
		sleep(times[id][2 * round + 1]);
		eat[id][2 * round + 1] = get_time();
		mutex_unlock(max);
		mutex_unlock(min);
	}
	return 0;
}

static int in(long (*t)[ROUND * 2], int id, long now)
{
	for (int r = 0; r < ROUND; r++)
		if (t[id][2 * r] <= now && now <= t[id][2 * r + 1])
			return 1;
	return 0;
}

/* Did neighbours a and b ever eat at the same time (strictly overlapping)? */
static int overlap(int a, int b)
{
	for (int i = 0; i < ROUND; i++)
		for (int j = 0; j < ROUND; j++)
			if (eat[a][2 * i] < eat[b][2 * j + 1] && eat[b][2 * j] < eat[a][2 * i + 1])
				return 1;
	return 0;
}

int main(void)
{
	long tids[N];
	long start = get_time();
	for (long i = 0; i < N; i++) {
		assert(mutex_blocking_create() == i);
		tids[i] = thread_create(philosopher, i);
	}
	for (int i = 0; i < N; i++)
		waittid(tids[i]);
	long cost = get_time() - start;
	printf("time cost = %ld\n", cost);
	printf("'-' -> THINKING; 'x' -> EATING; ' ' -> WAITING \n");
	for (int k = 0; k <= N; k++) {
		int id = k % N;
		printf("#%d:", id);
		for (long j = 0; j < cost / GRAPH_SCALE; j++) {
			long now = j * GRAPH_SCALE + start;
			printf("%c", in(think, id, now) ? '-' : in(eat, id, now) ? 'x' : ' ');
		}
		printf("\n");
	}
	for (int i = 0; i < N; i++)
		if (overlap(i, (i + 1) % N)) {
			printf("phil_din_mutex: philosophers %d and %d ate at once\n", i,
			       (i + 1) % N);
			return 1;
		}
	printf("philosopher dining problem with mutex test passed!\n");
	return 0;
}
