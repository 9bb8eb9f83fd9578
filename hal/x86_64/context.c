/*
 * context.c - x86_64: a new kernel thread's first context.
 */
#include "hal.h"

void hal_context_init(struct hal_context *c, void *stack_top, void (*entry)(void))
{
	for (int i = 0; i < 16; i++)
		c->reg[i] = 0;
	c->reg[0] = (uint64_t)entry; /* rip: where the first switch "returns" */
	/* rsp as right after a call: 16-byte aligned + 8, a null return
	   address on top (entry never returns; it ends gdb's backtraces) */
	uint64_t *sp = (uint64_t *)((uint64_t)stack_top & ~15UL) - 1;
	*sp = 0;
	c->reg[1] = (uint64_t)sp;
}
