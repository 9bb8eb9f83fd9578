/*
 * trap.c - riscv64 trap set-up, cause decoding and the trap frame
 * accessors. reg[i] in the trap frame is register xi (reg[0] unused).
 */
#include "hal.h"
#include "riscv.h"

#define REG_SP 2
#define REG_TP 4
#define REG_A0 10
#define REG_A7 17

void trap_vector(void);
void user_enter(struct trapframe *tf);

void hal_trap_init(void)
{
	csr_write(sscratch, 0);
	csr_write(stvec, (uint64_t)trap_vector); /* direct mode */
}

/* scause (interrupt bit clear) -> portable cause */
static enum hal_cause exception_cause(uint64_t code)
{
	switch (code) {
	case 0:
	case 4:
	case 6:
		return HAL_CAUSE_MISALIGNED;
	case 1:
	case 12:
		return HAL_CAUSE_FAULT_FETCH;
	case 2:
		return HAL_CAUSE_ILLEGAL;
	case 3:
		return HAL_CAUSE_BREAKPOINT;
	case 5:
	case 13:
		return HAL_CAUSE_FAULT_LOAD;
	case 7:
	case 15:
		return HAL_CAUSE_FAULT_STORE;
	case 8:
		return HAL_CAUSE_SYSCALL;
	default:
		return HAL_CAUSE_OTHER;
	}
}

static struct hal_trap decode(uint64_t scause, uint64_t stval)
{
	struct hal_trap t = {HAL_CAUSE_OTHER, 0, scause, -1};
	if ((int64_t)scause < 0) {
		uint64_t irq = scause & 0xff;
		t.cause = irq == 5 ? HAL_CAUSE_TIMER : irq == 9 ? HAL_CAUSE_IRQ : HAL_CAUSE_OTHER;
		if (t.cause == HAL_CAUSE_IRQ)
			t.irq = plic_claim(); /* -1: spurious, nothing to report */
	} else {
		t.cause = exception_cause(scause);
		if (t.cause >= HAL_CAUSE_FAULT_LOAD && t.cause <= HAL_CAUSE_FAULT_FETCH)
			t.addr = stval;
		if (t.cause == HAL_CAUSE_MISALIGNED)
			t.addr = stval;
	}
	return t;
}

struct hal_trap hal_user_run(struct trapframe *tf)
{
	for (;;) {
		user_enter(tf);
		struct hal_trap t = decode(csr_read(scause), csr_read(stval));
		if (t.cause != HAL_CAUSE_IRQ || t.irq >= 0)
			return t;
	}
}

/* A trap taken in S-mode: interrupts go to the kernel, anything else is a
   kernel bug, reported with all registers. */
void riscv_kernel_trap(uint64_t regs[33])
{
	uint64_t scause = csr_read(scause), stval = csr_read(stval);
	struct hal_trap t = decode(scause, stval);
	if (t.cause == HAL_CAUSE_IRQ && t.irq < 0)
		return; /* spurious */
	if (t.cause == HAL_CAUSE_TIMER || t.cause == HAL_CAUSE_IRQ) {
		kernel_trap(t);
		return;
	}
	printf("kernel trap: %s, scause %lx stval %lx sepc %lx\n", hal_cause_name(t.cause), scause,
	       stval, regs[32]);
	for (int i = 1; i < 32; i++)
		printf("x%-2d %016lx%s", i, regs[i], i % 4 == 3 ? "\n" : "  ");
	printf("\n");
	kernel_trap(t);
}

void hal_tf_init(struct trapframe *tf, uint64_t entry, uint64_t sp)
{
	for (int i = 0; i < 32; i++)
		tf->reg[i] = 0;
	tf->pc = entry;
	tf->reg[REG_SP] = sp;
	tf->status = 0;
}

uint64_t hal_tf_syscall_no(const struct trapframe *tf)
{
	return tf->reg[REG_A7];
}

uint64_t hal_tf_arg(const struct trapframe *tf, int i)
{
	return tf->reg[REG_A0 + i];
}

void hal_tf_set_arg(struct trapframe *tf, int i, uint64_t v)
{
	tf->reg[REG_A0 + i] = v;
}

uint64_t hal_tf_ret(const struct trapframe *tf)
{
	return tf->reg[REG_A0];
}

void hal_tf_set_ret(struct trapframe *tf, uint64_t v)
{
	tf->reg[REG_A0] = v;
}

void hal_tf_skip_syscall(struct trapframe *tf)
{
	tf->pc += 4; /* ecall */
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
	tf->reg[REG_TP] = tp;
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
	tf->reg[1 /* ra */] = 0; /* the return address */
}
