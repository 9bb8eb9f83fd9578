/*
 * irq_todo.c - PLACEHOLDER, to be deleted by the commit that brings this
 * arch's interrupt controller for chapter 9 (hal.h, "Interrupt
 * controller"). Until then no device line is ever enabled, the console
 * stays polled (hal_console_irq says it has no interrupt) and chapter 9
 * is not in this arch's CHAPTERS list.
 */
#include "hal.h"

int hal_console_irq(void)
{
	return -1;
}

void hal_irq_init(void)
{
}

void hal_irq_enable(int irq)
{
	(void)irq;
}

void hal_irq_disable(int irq)
{
	(void)irq;
}

void hal_irq_eoi(int irq)
{
	(void)irq;
}
