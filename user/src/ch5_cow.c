/* ch5_cow - copy-on-write fork (docs/ch5.md):
   1. a parent and its child writing the same pages (data, stack, heap, an
      mmap page) each see their own values, also when the kernel writes
      into a shared page for a system call (gettimeofday into the child's
      copy of a data page);
   2. fork of a process with 64 MiB mapped and touched is quick and takes
      almost no frames until the child writes: the child counts the frames
      it can still get and compares with the parent's count before fork;
   3. out of memory during a copy-on-write fault kills only the writer: a
      child takes every free frame, then writes to a shared page; the
      parent lives on with its data intact. */
#include "ulib.h"

#define BIG 0x40000000UL /* the 64 MiB region */
#define BIG_SIZE (64UL * 1024 * 1024)
#define PROBE 0x100000000UL /* where free_pages maps its chunks */
#define RW 3		    /* mmap prot: read and write */

static volatile long data_word = 7; /* .data */
static struct timeval shared_tv;    /* .bss, filled by the kernel */

static long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.sec * 1000000 + tv.usec;
}

/* Map chunks from PROBE on, halving the chunk on each failure, until not
   one page more fits; return how many pages that was. Unmap them again
   unless `keep`. */
static long free_pages(int keep)
{
	uint64_t at = PROBE;
	for (uint64_t chunk = 64UL << 20; chunk >= PAGE_SIZE; chunk /= 2)
		while (mmap(at, chunk, RW) == 0)
			at += chunk;
	long pages = (long)((at - PROBE) / PAGE_SIZE);
	if (!keep && at > PROBE)
		assert(munmap(PROBE, at - PROBE) == 0);
	return pages;
}

static void same_page_test(void)
{
	volatile long stack_word = 7;
	volatile long *heap = (volatile long *)sbrk(PAGE_SIZE);
	assert(heap != (void *)-1);
	*heap = 7;
	volatile long *mapped = (volatile long *)(BIG - 0x1000000);
	assert(mmap((uint64_t)mapped, PAGE_SIZE, RW) == 0);
	*mapped = 7;
	long pid = fork();
	assert(pid >= 0);
	long mine = pid == 0 ? 2 : 1;
	data_word = mine;
	stack_word = mine;
	*heap = mine;
	*mapped = mine;
	sched_yield(); /* the other one writes now */
	sched_yield();
	assert(data_word == mine && stack_word == mine && *heap == mine && *mapped == mine);
	if (pid == 0) {
		/* the kernel writes into this process's copy, not the shared frame */
		assert(gettimeofday(&shared_tv, NULL) == 0 && shared_tv.sec + shared_tv.usec != 0);
		exit(0);
	}
	int code = -1;
	assert(waitpid(pid, &code) == pid && code == 0);
	assert(data_word == 1 && stack_word == 1 && *heap == 1 && *mapped == 1);
	assert(shared_tv.sec == 0 && shared_tv.usec == 0);
	assert(munmap((uint64_t)mapped, PAGE_SIZE) == 0);
	printf("ch5_cow: parent and child each see their own page\n");
}

static void big_fork_test(void)
{
	long pages = BIG_SIZE / PAGE_SIZE;
	assert(mmap(BIG, BIG_SIZE, RW) == 0);
	for (long i = 0; i < pages; i++)
		*(volatile long *)(BIG + i * PAGE_SIZE) = i;
	long before = free_pages(0);
	long t0 = now_us();
	long pid = fork();
	assert(pid >= 0);
	if (pid == 0) {
		/* the parent went straight to waitpid if it ran first */
		printf("ch5_cow: fork of a process with %ld MiB mapped: %ld us\n", BIG_SIZE >> 20,
		       now_us() - t0);
		long taken = before - free_pages(0);
		printf("ch5_cow: fork of %ld MiB (%ld pages) took %ld frames until written\n",
		       BIG_SIZE >> 20, pages, taken);
		assert(taken * 50 < pages); /* a copy would take them all */
		for (long i = 0; i < pages; i++) {
			volatile long *p = (volatile long *)(BIG + i * PAGE_SIZE);
			assert(*p == i);
			*p = -i;
		}
		for (long i = 0; i < pages; i++)
			assert(*(volatile long *)(BIG + i * PAGE_SIZE) == -i);
		exit(0);
	}
	int code = -1;
	assert(waitpid(pid, &code) == pid && code == 0);
	for (long i = 0; i < pages; i++)
		assert(*(volatile long *)(BIG + i * PAGE_SIZE) == i);
	printf("ch5_cow: the child's writes did not reach the parent\n");
}

static void oom_test(void)
{
	long pages = BIG_SIZE / PAGE_SIZE;
	long pid = fork();
	assert(pid >= 0);
	if (pid == 0) {
		free_pages(1); /* every free frame, kept: no printf from here on */
		for (long i = 0; i < pages; i++)
			*(volatile long *)(BIG + i * PAGE_SIZE) = 0;
		printf("ch5_cow: FAIL: the child wrote %ld MiB with no free memory\n",
		       BIG_SIZE >> 20);
		exit(1);
	}
	int code = 0;
	assert(waitpid(pid, &code) == pid);
	printf("ch5_cow: the child ended with code %d\n", code);
	assert(code == -2);
	for (long i = 0; i < pages; i++) {
		volatile long *p = (volatile long *)(BIG + i * PAGE_SIZE);
		assert(*p == i);
		*p = i + 1; /* the parent's alone again: writable without a copy */
	}
	assert(munmap(BIG, BIG_SIZE) == 0);
	printf("ch5_cow: out of memory killed only the child\n");
}

int main(void)
{
	same_page_test();
	big_fork_test();
	oom_test();
	printf("Test copy-on-write fork OK!\n");
	return 0;
}
