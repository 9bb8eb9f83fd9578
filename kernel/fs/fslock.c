/*
 * fslock.c - one lock for the whole file system layer (chapter 6+), with
 * a shared mode for reading.
 *
 * The file systems and the inode table were written for a kernel that
 * never sleeps in the middle of them. From chapter 9 a thread does: it
 * waits for the disk's interrupt inside bread(), and another thread runs
 * meanwhile. So every way into a file system holds this lock:
 *
 *  - exclusive (fs_lock): whatever may change something — the path calls,
 *    writes, stat (easy-fs learns link counts on the way), closing a
 *    file, loading a program, sync. One thread at a
 *    time; it may take the lock again (closing a file inside openat).
 *  - shared (fs_lock_shared): reading a file's bytes, which changes
 *    nothing but the block cache (bcache.c is safe for several
 *    readers). Any number of readers at once: two processes reading
 *    different files wait for the disk together.
 *
 * A thread that wants the lock exclusive waits until the readers are out,
 * and new readers wait behind it, so a stream of reads cannot starve a
 * write. Threads that do not touch files (a CPU-bound program, pipes, the
 * console) never wait here. At boot, before any thread runs, the lock is
 * not needed and not taken.
 */
#include "task/task.h"

static struct thread *owner; /* the exclusive holder */
static int depth;	     /* its nested fs_lock()s */
static int readers;	     /* shared holders */
static int writers_waiting;
static struct waitq waiters;

void fs_lock(void)
{
	struct thread *t = current_thread();
	if (t == NULL)
		return;
	if (owner == t) {
		depth++;
		return;
	}
	writers_waiting++;
	while (owner != NULL || readers > 0)
		wait_sleep(&waiters);
	writers_waiting--;
	owner = t;
	depth = 1;
}

void fs_unlock(void)
{
	struct thread *t = current_thread();
	if (t == NULL)
		return;
	if (owner != t)
		panic("fs_unlock by a thread that does not hold the lock");
	if (--depth > 0)
		return;
	owner = NULL;
	wait_wake_all(&waiters);
}

void fs_lock_shared(void)
{
	struct thread *t = current_thread();
	if (t == NULL)
		return;
	if (owner == t) { /* the exclusive holder reads too */
		depth++;
		return;
	}
	while (owner != NULL || writers_waiting > 0)
		wait_sleep(&waiters);
	readers++;
}

void fs_unlock_shared(void)
{
	struct thread *t = current_thread();
	if (t == NULL)
		return;
	if (owner == t) {
		fs_unlock();
		return;
	}
	if (readers <= 0)
		panic("fs_unlock_shared without a reader");
	if (--readers == 0)
		wait_wake_all(&waiters);
}
