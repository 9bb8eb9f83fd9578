/*
 * context.c - loongarch64: a new kernel thread's first context.
 */
#include "hal.h"

void hal_context_init(struct hal_context *c, void *stack_top, void (*entry)(void))
{
	for (int i = 0; i < 16; i++)
		c->reg[i] = 0;
	c->reg[0] = (uint64_t)entry;	 /* ra: where the first switch "returns" */
	c->reg[1] = (uint64_t)stack_top; /* sp */
}
