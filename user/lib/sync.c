/*
 * sync.c - chapter 8's synchronisation calls: mutexes (spinning or
 * blocking), semaphores, condition variables, and the deadlock-detection
 * switch of the lab. Ids are per process, the lowest free one first.
 */
#include "ulib.h"

static long sys(long n, long a0, long a1)
{
	return __syscall(n, a0, a1, 0, 0, 0, 0);
}

long mutex_create(void)
{
	return sys(SYS_MUTEX_CREATE, 0, 0);
}

long mutex_blocking_create(void)
{
	return sys(SYS_MUTEX_CREATE, 1, 0);
}

long mutex_lock(long id)
{
	return sys(SYS_MUTEX_LOCK, id, 0);
}

long mutex_unlock(long id)
{
	return sys(SYS_MUTEX_UNLOCK, id, 0);
}

long semaphore_create(long count)
{
	return sys(SYS_SEMAPHORE_CREATE, count, 0);
}

long semaphore_up(long id)
{
	return sys(SYS_SEMAPHORE_UP, id, 0);
}

long semaphore_down(long id)
{
	return sys(SYS_SEMAPHORE_DOWN, id, 0);
}

long condvar_create(void)
{
	return sys(SYS_CONDVAR_CREATE, 0, 0);
}

long condvar_signal(long id)
{
	return sys(SYS_CONDVAR_SIGNAL, id, 0);
}

long condvar_wait(long id, long mutex_id)
{
	return sys(SYS_CONDVAR_WAIT, id, mutex_id);
}

long enable_deadlock_detect(long on)
{
	return sys(SYS_ENABLE_DEADLOCK_DETECT, on, 0);
}
