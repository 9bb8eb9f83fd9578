/*
 * trap.c - aarch64 trap set-up, cause decoding and the trap frame
 * accessors. reg[i] in the trap frame is xi for i < 31, reg[31] is the
 * user sp (SP_EL0); the user thread pointer (TPIDR_EL0) is tf->tp.
 */
#include "hal.h"
#include "aarch64.h"

#define REG_X0 0
#define REG_X8 8
#define REG_SP 31

/* Which vector entry trap.S came through (tf->kscratch[1] from user). */
#define VEC_SYNC 0
#define VEC_IRQ 1
#define VEC_FIQ 2
#define VEC_SERROR 3
#define VEC_AARCH32 4

/* ESR_EL1: exception class and the data abort bits we use. */
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_UNKNOWN 0x00 /* undefined instruction, eret at EL0, ... */
#define EC_WFX 0x01	/* wfi/wfe at EL0 (SCTLR.nTWI/nTWE clear) */
#define EC_ILLEGAL_STATE 0x0e
#define EC_SVC64 0x15
#define EC_SYSREG 0x18 /* msr/mrs of a register EL0 may not use */
#define EC_IABT_LOWER 0x20
#define EC_IABT_CUR 0x21
#define EC_PC_ALIGN 0x22
#define EC_DABT_LOWER 0x24
#define EC_DABT_CUR 0x25
#define EC_SP_ALIGN 0x26
#define EC_BRK64 0x3c
#define ESR_DFSC(esr) ((esr)&0x3f)
#define DFSC_ALIGNMENT 0x21
#define ESR_WNR (1UL << 6) /* the abort was a write */
#define ESR_CM (1UL << 8)  /* ... by a cache maintenance instruction */

extern char vectors[];
void user_enter(struct trapframe *tf);

void hal_trap_init(void)
{
	sysreg_write(vbar_el1, (uint64_t)vectors);
	asm volatile("isb");
}

/* A synchronous exception: ESR_EL1 (and FAR_EL1) -> portable cause. */
static struct hal_trap decode_sync(uint64_t esr, uint64_t far, uint64_t sp)
{
	struct hal_trap t = {HAL_CAUSE_OTHER, 0, esr, -1};
	switch (ESR_EC(esr)) {
	case EC_SVC64:
		t.cause = HAL_CAUSE_SYSCALL;
		break;
	case EC_UNKNOWN:
	case EC_WFX:
	case EC_ILLEGAL_STATE:
	case EC_SYSREG:
		t.cause = HAL_CAUSE_ILLEGAL;
		break;
	case EC_IABT_LOWER:
	case EC_IABT_CUR:
		t.cause = HAL_CAUSE_FAULT_FETCH;
		t.addr = far;
		break;
	case EC_DABT_LOWER:
	case EC_DABT_CUR:
		if (ESR_DFSC(esr) == DFSC_ALIGNMENT)
			t.cause = HAL_CAUSE_MISALIGNED;
		else if ((esr & ESR_WNR) && !(esr & ESR_CM))
			t.cause = HAL_CAUSE_FAULT_STORE;
		else
			t.cause = HAL_CAUSE_FAULT_LOAD;
		t.addr = far;
		break;
	case EC_PC_ALIGN:
		t.cause = HAL_CAUSE_MISALIGNED;
		t.addr = far;
		break;
	case EC_SP_ALIGN:
		t.cause = HAL_CAUSE_MISALIGNED;
		t.addr = sp;
		break;
	case EC_BRK64:
		t.cause = HAL_CAUSE_BREAKPOINT;
		break;
	}
	return t;
}

/* An IRQ, claimed from the GIC. The timer is acknowledged here, in the
   timer (one-shot: it stays off until the next hal_timer_set) and in the
   GIC; any other line goes to the kernel, which calls hal_irq_eoi() once
   its handlers have run. False if the GIC had nothing for us (spurious):
   the kernel never hears of it. */
static bool decode_irq(struct hal_trap *t)
{
	int irq = gic_claim();
	if (irq < 0)
		return false;
	if (irq == TIMER_IRQ) {
		hal_timer_ack();
		hal_irq_eoi(irq);
		*t = (struct hal_trap){HAL_CAUSE_TIMER, 0, irq, -1};
	} else {
		*t = (struct hal_trap){HAL_CAUSE_IRQ, 0, irq, irq};
	}
	return true;
}

/* Why we trapped, from the vector entry `kind`; false if for nothing. */
static bool decode(uint64_t kind, uint64_t sp, struct hal_trap *t)
{
	if (kind == VEC_SYNC) {
		*t = decode_sync(sysreg_read(esr_el1), sysreg_read(far_el1), sp);
		return true;
	}
	if (kind == VEC_IRQ)
		return decode_irq(t);
	*t = (struct hal_trap){HAL_CAUSE_OTHER, 0, 0x100 + kind, -1}; /* FIQ, SError */
	return true;
}

struct hal_trap hal_user_run(struct trapframe *tf)
{
	struct hal_trap t;
	do
		user_enter(tf);
	while (!decode(tf->kscratch[1], tf->reg[REG_SP], &t));
	return t;
}

/* An exception taken at EL1 (in hal_idle(), or wherever the kernel had
   interrupts on): interrupts go to the kernel, a spurious one nowhere;
   anything else is a kernel bug, reported with all registers.
   regs = x0..x30, sp, elr, spsr. */
void aarch64_kernel_trap(uint64_t regs[34], uint64_t kind)
{
	struct hal_trap t;
	if (!decode(kind, regs[31], &t))
		return;
	if (t.cause == HAL_CAUSE_TIMER || t.cause == HAL_CAUSE_IRQ) {
		kernel_trap(t);
		return;
	}
	printf("kernel trap: %s, esr %lx far %lx elr %lx spsr %lx (vector %lu)\n",
	       hal_cause_name(t.cause), sysreg_read(esr_el1), sysreg_read(far_el1), regs[32],
	       regs[33], kind);
	for (int i = 0; i < 31; i++)
		printf("x%-2d %016lx%s", i, regs[i], i % 4 == 3 ? "\n" : "  ");
	printf("sp  %016lx\n", regs[31]);
	kernel_trap(t);
}

void hal_tf_init(struct trapframe *tf, uint64_t entry, uint64_t sp)
{
	for (int i = 0; i < 32; i++)
		tf->reg[i] = 0;
	tf->pc = entry;
	tf->reg[REG_SP] = sp;
	tf->status = 0; /* EL0t, interrupts on */
	tf->tp = 0;
}

uint64_t hal_tf_syscall_no(const struct trapframe *tf)
{
	return tf->reg[REG_X8];
}

uint64_t hal_tf_arg(const struct trapframe *tf, int i)
{
	return tf->reg[REG_X0 + i];
}

void hal_tf_set_arg(struct trapframe *tf, int i, uint64_t v)
{
	tf->reg[REG_X0 + i] = v;
}

uint64_t hal_tf_ret(const struct trapframe *tf)
{
	return tf->reg[REG_X0];
}

void hal_tf_set_ret(struct trapframe *tf, uint64_t v)
{
	tf->reg[REG_X0] = v;
}

void hal_tf_skip_syscall(struct trapframe *tf)
{
	(void)tf; /* ELR_EL1 already points after the svc */
}

uint64_t hal_tf_pc(const struct trapframe *tf)
{
	return tf->pc;
}

uint64_t hal_tf_sp(const struct trapframe *tf)
{
	return tf->reg[REG_SP];
}

void hal_tf_set_sp(struct trapframe *tf, uint64_t sp)
{
	tf->reg[REG_SP] = sp;
}

void hal_tf_set_tp(struct trapframe *tf, uint64_t tp)
{
	tf->tp = tp;
}

void hal_tf_set_pc(struct trapframe *tf, uint64_t pc)
{
	tf->pc = pc;
}

void hal_tf_call(struct trapframe *tf, uint64_t fn, uint64_t sp, uint64_t arg)
{
	tf->pc = fn;
	tf->reg[REG_SP] = sp;
	hal_tf_set_arg(tf, 0, arg);
	tf->reg[30 /* x30, the link register */] = 0; /* the return address */
}
