/* ch9_overlap - while one thread waits for the disk, another keeps the
   CPU (chapter 9: the disk interrupts instead of being polled).

   First a spinner thread runs alone for CALIBRATE_MS: its rate of loops
   per millisecond. Then the main thread writes a file in rounds of 4
   KiB, closing it each time (which puts it on the disk), for at least
   DISK_MS, while the spinner counts on. Its rate meanwhile must be at
   least half the rate it had alone, and the disk must really have been
   used (its interrupt count grew by at least one per round). A driver
   that polls keeps the CPU in the kernel for as long as the disk takes:
   measured on riscv64, the spinner got 68-69% with the interrupt and 49%
   with the same kernel polling. */
#include "ulib.h"

#define CALIBRATE_MS 300
#define DISK_MS 600
#define CHUNK (4 * 1024)

static volatile long loops;
static volatile int stop;
static char data[CHUNK];

static int spin(long unused)
{
	(void)unused;
	while (!stop)
		loops++;
	return 0;
}

/* Interrupts taken so far on the lines whose handler is a disk ("vd*"). */
static uint64_t disk_interrupts(void)
{
	struct irqstat st;
	long n = irqstat(&st);
	uint64_t sum = 0;
	for (long i = 0; i < n; i++)
		if (st.line[i].name[0] == 'v' && st.line[i].name[1] == 'd')
			sum += st.line[i].count;
	return sum;
}

/* Run the spinner for `ms` while doing nothing (sleeping): its loops. */
static long spin_alone(long ms)
{
	stop = 0;
	loops = 0;
	long tid = thread_create(spin, 0);
	long start = get_time();
	while (get_time() - start < ms)
		sleep(10);
	stop = 1;
	waittid(tid);
	return loops;
}

int main(void)
{
	for (int i = 0; i < CHUNK; i++)
		data[i] = (char)('a' + i % 26);
	long alone = spin_alone(CALIBRATE_MS);

	stop = 0;
	loops = 0;
	uint64_t irq_before = disk_interrupts();
	long tid = thread_create(spin, 0);
	long start = get_time(), rounds = 0;
	while (get_time() - start < DISK_MS) {
		int fd = open("ch9_overlap.tmp", O_WRONLY | O_CREATE | O_TRUNC);
		if (fd < 0 || write(fd, data, CHUNK) != CHUNK) {
			printf("ch9_overlap: cannot write the file\n");
			stop = 1;
			return 1;
		}
		close(fd);
		rounds++;
	}
	long elapsed = get_time() - start;
	stop = 1;
	waittid(tid);
	uint64_t irqs = disk_interrupts() - irq_before;
	unlink("ch9_overlap.tmp");
	/* (loops / elapsed) / (alone / CALIBRATE_MS), in percent */
	long percent =
	    alone > 0 && elapsed > 0 ? 100 * loops * CALIBRATE_MS / (alone * elapsed) : 0;
	printf("ch9_overlap: %ld rounds of 4 KiB in %ld ms, %lu disk interrupts; the spinner "
	       "ran at %ld%% of its speed alone\n",
	       rounds, elapsed, irqs, percent);
	if (irqs < (uint64_t)rounds) {
		printf("ch9_overlap: FAIL: the disk did not interrupt once per round\n");
		return 1;
	}
	if (percent < 50) {
		printf("ch9_overlap: FAIL: the CPU-bound thread got less than half the CPU\n");
		return 1;
	}
	printf("Test ch9 overlap OK!\n");
	return 0;
}
