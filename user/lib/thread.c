/*
 * thread.c - threads (chapter 8): thread_create, gettid, waittid.
 *
 * The kernel starts a thread at entry(arg) on a fresh stack with return
 * address 0, so a thread function that returned would jump to 0. The
 * library therefore passes the kernel one entry point, __thread_start, and
 * as its argument the index of a slot holding the program's function and
 * argument; __thread_start frees the slot, calls the function and exits
 * with what it returns. A thread function may also call exit() itself, as
 * rCore's programs do.
 *
 * A slot is taken with a compare-and-swap and freed by the new thread as
 * soon as it starts, so the table only bounds how many threads may be
 * created and not yet started; when it is full, thread_create yields until
 * a slot is free.
 */
#include "ulib.h"

#define START_SLOTS 64

struct start_slot {
	thread_entry fn; /* NULL: free */
	long arg;
};

static struct start_slot slots[START_SLOTS];

static void __thread_start(long slot)
{
	thread_entry fn = slots[slot].fn;
	long arg = slots[slot].arg;
	__atomic_store_n(&slots[slot].fn, NULL, __ATOMIC_RELEASE);
	exit(fn(arg));
}

static long take_slot(thread_entry fn, long arg)
{
	for (;;) {
		for (long i = 0; i < START_SLOTS; i++) {
			thread_entry free = NULL;
			if (__atomic_compare_exchange_n(&slots[i].fn, &free, fn, 0,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
				slots[i].arg = arg;
				return i;
			}
		}
		sched_yield(); /* every slot belongs to a thread not yet started */
	}
}

long thread_create(thread_entry fn, long arg)
{
	if (fn == NULL)
		return -1;
	__printf_threads(); /* from now on printf may be called by several threads */
	long slot = take_slot(fn, arg);
	/* the slot's arg is written before the kernel can start the thread */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	long tid = __syscall(SYS_THREAD_CREATE, (long)__thread_start, slot, 0, 0, 0, 0);
	if (tid < 0)
		__atomic_store_n(&slots[slot].fn, NULL, __ATOMIC_RELEASE);
	return tid;
}

long gettid(void)
{
	return __syscall(SYS_GETTID, 0, 0, 0, 0, 0, 0);
}

long waittid_nb(long tid)
{
	return __syscall(SYS_WAITTID, tid, 0, 0, 0, 0, 0);
}

long waittid(long tid)
{
	long r;
	while ((r = waittid_nb(tid)) == -2)
		sched_yield();
	return r;
}
