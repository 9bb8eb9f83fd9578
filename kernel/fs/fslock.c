/*
 * fslock.c - one lock for the whole file system layer (chapter 6+).
 *
 * The file systems, the inode table and the block cache were written for
 * a kernel that never sleeps in the middle of them. From chapter 9 a
 * thread does: it waits for the disk's interrupt inside bread(), and
 * another thread runs meanwhile. So every way into a file system (the
 * path system calls, reads and writes of inode files, loading a program)
 * holds this lock, and a second thread that wants the file system sleeps
 * until the first is out; threads that do not touch files (a CPU-bound
 * program, pipes, the console) run on. The lock is recursive: a holder
 * may take it again (closing a file inside openat). At boot, before any
 * thread runs, it is not needed and not taken. xv6 locks each buffer and
 * inode instead, so that two threads can use different files at once:
 * an exercise (docs/ch9.md).
 */
#include "task/task.h"

static struct thread *owner;
static int depth;
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
	while (owner != NULL)
		wait_sleep(&waiters);
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
	wait_wake_one(&waiters);
}
