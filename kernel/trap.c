/*
 * trap.c - what the kernel does with a trap.
 *
 * From user mode: a system call is dispatched; a timer tick asks the
 * thread to give up the CPU; a device interrupt (chapter 9) goes to its
 * line's handlers (irq.c); a store to a copy-on-write page (chapter 5+)
 * gets the writer its own copy of the page (vm.c); a fault or illegal
 * instruction is said on
 * the console and, through user_fault(), kills the process (chapters 2-6,
 * nosignal.c) or becomes a signal (chapter 7+, signal.c): the kernel goes
 * on either way. In the kernel, only the idle loop takes interrupts; any
 * other trap there is a kernel bug: the arch has printed the registers,
 * we panic.
 */
#include "task/task.h"
#include "irq.h"

void kernel_trap(struct hal_trap t)
{
	/* The kernel runs with interrupts off except in hal_idle(): a timer
	   there only had to wake the CPU (the scheduler then looks at the
	   clock); a device's handler wakes whoever waits for it. */
	if (t.cause == HAL_CAUSE_TIMER) {
		irq_count_timer();
		hal_timer_ack();
		return;
	}
	if (t.cause == HAL_CAUSE_IRQ) {
		irq_dispatch(t.irq);
		return;
	}
	panic("unexpected trap in the kernel: %s (cause %lu, address %p)", hal_cause_name(t.cause),
	      t.raw, (void *)t.addr);
}

void handle_user_trap(struct thread *t, struct hal_trap trap)
{
	switch (trap.cause) {
	case HAL_CAUSE_SYSCALL:
		syscall_dispatch(t);
		break;
	case HAL_CAUSE_TIMER:
		irq_count_timer();
		hal_timer_ack();
		t->need_resched = true;
		break;
	case HAL_CAUSE_IRQ:
		/* a thread the device woke may run now, not a slice later */
		if (irq_dispatch(trap.irq))
			t->need_resched = true;
		break;
	case HAL_CAUSE_FAULT_STORE: {
		int cow = vm_fault_cow(&t->proc->vm, trap.addr);
		if (cow > 0)
			break; /* the store runs again, on the copy */
		if (cow < 0) {
			user_fault(t, SIGSEGV,
				   "out of memory for a copy-on-write page at %p, pc %p",
				   (void *)trap.addr, (void *)hal_tf_pc(&t->tf));
			break;
		}
		user_fault(t, SIGSEGV, "%s at %p, pc %p", hal_cause_name(trap.cause),
			   (void *)trap.addr, (void *)hal_tf_pc(&t->tf));
		break;
	}
	case HAL_CAUSE_FAULT_LOAD:
	case HAL_CAUSE_FAULT_FETCH:
		user_fault(t, SIGSEGV, "%s at %p, pc %p", hal_cause_name(trap.cause),
			   (void *)trap.addr, (void *)hal_tf_pc(&t->tf));
		break;
	case HAL_CAUSE_MISALIGNED:
		user_fault(t, SIGBUS, "%s at %p, pc %p", hal_cause_name(trap.cause),
			   (void *)trap.addr, (void *)hal_tf_pc(&t->tf));
		break;
	case HAL_CAUSE_BREAKPOINT:
		user_fault(t, SIGTRAP, "%s, pc %p", hal_cause_name(trap.cause),
			   (void *)hal_tf_pc(&t->tf));
		break;
	default:
		user_fault(t, SIGILL, "%s (cause %lu), pc %p", hal_cause_name(trap.cause), trap.raw,
			   (void *)hal_tf_pc(&t->tf));
		break;
	}
}

void proc_exit(struct proc *p, int code)
{
	p->exit_code = code;
	p->state = PROC_EXITED;
	current_thread()->state = TASK_EXITED; /* the others: see thread_exited() */
	debug("%s (pid %d) exited with code %d", p->name, p->pid, code);
}

void thread_exit(struct thread *t, int code)
{
	t->exit_code = code;
	t->state = TASK_EXITED;
}
