/*
 * sys_irqstat.c - irqstat (2100, chapter 9): copy the interrupt counts
 * (abi/irqstat.h) to the caller.
 */
#include "syscall/syscall.h"
#include "irq.h"

long sys_irqstat(struct proc *p, const uint64_t a[6])
{
	struct irqstat st;
	irq_stat(&st);
	if (copy_to_user(p, a[0], &st, sizeof(st)) != 0)
		return -EFAULT;
	return st.nlines;
}
