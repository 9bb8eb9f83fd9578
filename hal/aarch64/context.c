/*
 * context.c - aarch64: a new kernel thread's first context.
 */
#include "hal.h"

#define CTX_LR 11
#define CTX_SP 12

void hal_context_init(struct hal_context *c, void *stack_top, void (*entry)(void))
{
	for (int i = 0; i < 16; i++)
		c->reg[i] = 0;
	c->reg[CTX_LR] = (uint64_t)entry;     /* where the first switch "returns" */
	c->reg[CTX_SP] = (uint64_t)stack_top; /* sp; x29 stays 0: no caller */
}
