/*
 * sync.c - a process's synchronisation tables (chapter 8): made on the
 * first create call, in frames of their own (they are larger than the
 * kernel heap's biggest block), freed when the process is reaped. When a
 * thread ends, the blocking mutexes it still holds go to their next
 * waiter: a thread that dies with a lock must not leave the others
 * waiting for ever (docs/ch8.md).
 */
#include "sync/sync.h"

#define SYNC_PAGES ((sizeof(struct sync) + HAL_PAGE_SIZE - 1) / HAL_PAGE_SIZE)

struct sync *sync_of(struct proc *p)
{
	if (p->sync == NULL) {
		uint64_t pa = frame_alloc_contig(SYNC_PAGES);
		if (pa == 0)
			return NULL;
		p->sync = hal_phys_to_virt(pa); /* zeroed: every slot free */
	}
	return p->sync;
}

void sync_thread_exit(struct thread *t)
{
	struct sync *s = t->proc->sync;
	if (s == NULL)
		return;
	for (int i = 0; i < SYNC_MAX; i++)
		if (s->mutexes[i].used && s->mutexes[i].owner == t)
			mutex_release(s, &s->mutexes[i], t);
	memset(s->alloc[t->tid], 0, sizeof(s->alloc[t->tid]));
	memset(s->need[t->tid], 0, sizeof(s->need[t->tid]));
}

void sync_free(struct proc *p)
{
	if (p->sync == NULL)
		return;
	uint64_t pa = hal_virt_to_phys(p->sync);
	for (size_t i = 0; i < SYNC_PAGES; i++)
		frame_free(pa + i * HAL_PAGE_SIZE);
	p->sync = NULL;
}
