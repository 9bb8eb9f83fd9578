/* ch5_prio_hog - a process at an absurd priority must not starve the
   others. A child sets priority 10^12 (set_priority accepts it, rCore's
   ABI) and spins for 2 s; the parent, at the default priority, keeps
   polling and yielding, and counts its turns. The scheduler counts at
   most PRIORITY_MAX (1024), so the parent gets several turns after every
   slice of the child: hundreds or thousands in two seconds. Without that
   bound the child's stride rounds to 0 and the parent got one to three
   turns in the whole two seconds. The rule is 25 turns (a tenth of what a
   loaded 2-core host gave), counted in turns, not milliseconds, so a host
   that stalls QEMU now and then does not make the test flaky. It also
   prints in how many of the twenty 100 ms windows of the spin the
   parent ran, and its longest wait, for the curious. */
#include "ulib.h"

#define SPIN_MS 2000
#define WINDOW_MS 100
#define WINDOWS (SPIN_MS / WINDOW_MS)
#define MIN_TURNS 25

int main(void)
{
	long t0 = get_time();
	long pid = fork();
	if (pid == 0) {
		assert(set_priority(1000000000000L) == 1000000000000L);
		while (get_time() - t0 < SPIN_MS)
			;
		exit(0);
	}
	assert(pid > 0);
	char seen[WINDOWS] = {0};
	long gap = 0, last = get_time(), code, turns = 0;
	int status = -1;
	/* The raw call: -2 while the child runs (the library's waitpid would
	   yield inside, unmeasured). */
	while ((code = __syscall(SYS_WAITPID, pid, (long)&status, 0, 0, 0, 0)) == -2) {
		long now = get_time();
		if (now - last > gap)
			gap = now - last;
		last = now;
		turns++;
		if ((now - t0) / WINDOW_MS < WINDOWS)
			seen[(now - t0) / WINDOW_MS] = 1;
		if (now - t0 > 10 * SPIN_MS)
			break;
		sched_yield();
	}
	assert(code == pid && status == 0);
	int windows = 0;
	for (int i = 0; i < WINDOWS; i++)
		windows += seen[i];
	printf("ch5_prio_hog: %ld turns; ran in %d of %d windows of %d ms; longest wait %ld ms\n",
	       turns, windows, WINDOWS, WINDOW_MS, gap);
	assert(turns >= MIN_TURNS);
	printf("Test priority hog OK!\n");
	return 0;
}
