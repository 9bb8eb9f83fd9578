/*
 * trap.c - loongarch64 trap set-up, cause decoding and the trap frame
 * accessors. reg[i] in the trap frame is register $ri (reg[0] unused).
 */
#include "hal.h"
#include "loongarch.h"

#define REG_TP 2
#define REG_SP 3
#define REG_A0 4
#define REG_A7 11

/* ESTAT.Ecode values */
#define ECODE_INT 0x0	/* interrupt: see ESTAT.IS */
#define ECODE_PIL 0x1	/* page invalid: load */
#define ECODE_PIS 0x2	/* page invalid: store */
#define ECODE_PIF 0x3	/* page invalid: fetch */
#define ECODE_PME 0x4	/* page modified: store to a page without D */
#define ECODE_PNR 0x5	/* page not readable */
#define ECODE_PNX 0x6	/* page not executable */
#define ECODE_PPI 0x7	/* page privilege */
#define ECODE_ADE 0x8	/* address error: subcode 0 fetch, 1 memory */
#define ECODE_ALE 0x9	/* misaligned */
#define ECODE_SYS 0xb	/* syscall */
#define ECODE_BRK 0xc	/* break */
#define ECODE_INE 0xd	/* instruction not exists */
#define ECODE_IPE 0xe	/* instruction privilege error */
#define ECODE_FPD 0xf	/* FP disabled */
#define ECODE_SXD 0x10	/* LSX disabled */
#define ECODE_ASXD 0x11 /* LASX disabled */

void trap_vector(void);
void tlb_refill(void);
void user_enter(struct trapframe *tf);
void tlb_init(void);

void hal_trap_init(void)
{
	csr_write(CSR_ECFG, 0); /* one entry for all (VS = 0), no interrupt line yet */
	csr_write(CSR_EENTRY, (uint64_t)trap_vector);
	csr_write(CSR_TLBRENTRY, hal_virt_to_phys(tlb_refill)); /* runs untranslated */
	tlb_init();
}

/*
 * Does the memory instruction at `pc` write? An address error (ADEM) and
 * a privilege fault (PPI) do not say. A user instruction is read through
 * the direct map, at the page the active page table maps pc to.
 */
static bool is_store(uint64_t pc)
{
	uint64_t pa;
	int flags;
	struct hal_pagetable *pt = hal_phys_to_virt(csr_read(CSR_PGDL));
	if (pc >= UNCACHED_BASE) /* kernel code, in a DMW window */
		pa = hal_virt_to_phys((void *)pc);
	else if (!hal_pt_translate(pt, pc, &pa, &flags))
		return false;
	uint32_t insn = *(uint32_t *)hal_phys_to_virt(pa);
	uint32_t op22 = insn >> 22, op24 = insn >> 24, op15 = insn >> 15;
	return (op22 >= 0xa4 && op22 <= 0xa7) ||			/* st.b/h/w/d */
	       op22 == 0xad || op22 == 0xaf ||				/* fst.s/d */
	       op24 == 0x21 || op24 == 0x23 ||				/* sc.w/d */
	       op24 == 0x25 || op24 == 0x27 ||				/* stptr.w/d */
	       (op15 >= 0x7020 && op15 <= 0x7038 && (op15 & 7) == 0) || /* stx.b/h/w/d */
	       op15 == 0x7070 || op15 == 0x7078 ||			/* fstx.s/d */
	       (op15 >= 0x70c0 && op15 <= 0x70e1) ||			/* am*: read and write */
	       (op15 >= 0x70f8 && op15 <= 0x70ff);			/* stgt/stle */
}

/* The cause of a memory fault at `addr` whose kind the CPU did not say. */
static enum hal_cause access_cause(uint64_t addr, uint64_t pc)
{
	if (addr == pc)
		return HAL_CAUSE_FAULT_FETCH;
	return is_store(pc) ? HAL_CAUSE_FAULT_STORE : HAL_CAUSE_FAULT_LOAD;
}

/* ESTAT.Ecode -> portable cause */
static enum hal_cause exception_cause(uint64_t ecode, uint64_t subcode, uint64_t badv, uint64_t pc)
{
	switch (ecode) {
	case ECODE_PIL:
	case ECODE_PNR:
		return HAL_CAUSE_FAULT_LOAD;
	case ECODE_PIS:
	case ECODE_PME:
		return HAL_CAUSE_FAULT_STORE;
	case ECODE_PIF:
	case ECODE_PNX:
		return HAL_CAUSE_FAULT_FETCH;
	case ECODE_PPI:
		return access_cause(badv, pc);
	case ECODE_ADE: /* e.g. a user access to the kernel's windows */
		return subcode == 0 ? HAL_CAUSE_FAULT_FETCH : access_cause(badv, pc);
	case ECODE_ALE:
		return HAL_CAUSE_MISALIGNED;
	case ECODE_SYS:
		return HAL_CAUSE_SYSCALL;
	case ECODE_BRK:
		return HAL_CAUSE_BREAKPOINT;
	case ECODE_INE:
	case ECODE_IPE:
	case ECODE_FPD:
	case ECODE_SXD:
	case ECODE_ASXD:
		return HAL_CAUSE_ILLEGAL;
	default:
		return HAL_CAUSE_OTHER;
	}
}

/* Why we trapped; false for an interrupt with nothing to report (spurious).
   The timer is reported as is (the kernel acknowledges it); a device
   interrupt is claimed here, see pch_pic.c. */
static bool decode(uint64_t estat, uint64_t badv, uint64_t pc, struct hal_trap *t)
{
	uint64_t ecode = ESTAT_ECODE(estat);
	*t = (struct hal_trap){HAL_CAUSE_OTHER, 0, (estat >> 16) & 0x7fff, -1};
	if (ecode == ECODE_INT) {
		uint64_t pending = estat & csr_read(CSR_ECFG) & ESTAT_IS_MASK;
		if (pending & INT_TIMER) {
			t->cause = HAL_CAUSE_TIMER;
			return true;
		}
		if (pending & INT_HWI_MASK) {
			t->irq = irq_claim();
			t->cause = HAL_CAUSE_IRQ;
			return t->irq >= 0;
		}
		return false;
	}
	t->cause = exception_cause(ecode, ESTAT_SUBCODE(estat), badv, pc);
	if (t->cause >= HAL_CAUSE_FAULT_LOAD && t->cause <= HAL_CAUSE_FAULT_FETCH)
		t->addr = badv;
	if (t->cause == HAL_CAUSE_MISALIGNED)
		t->addr = badv;
	return true;
}

struct hal_trap hal_user_run(struct trapframe *tf)
{
	struct hal_trap t;
	do
		user_enter(tf);
	while (!decode(csr_read(CSR_ESTAT), csr_read(CSR_BADV), tf->pc, &t));
	return t;
}

/* A trap taken at PLV0: interrupts go to the kernel, anything else is a
   kernel bug, reported with all registers. */
void loongarch_kernel_trap(uint64_t regs[34])
{
	uint64_t estat = csr_read(CSR_ESTAT), badv = csr_read(CSR_BADV);
	struct hal_trap t;
	if (!decode(estat, badv, regs[32], &t))
		return;
	if (t.cause == HAL_CAUSE_TIMER || t.cause == HAL_CAUSE_IRQ) {
		kernel_trap(t);
		return;
	}
	printf("kernel trap: %s, estat %lx badv %lx era %lx prmd %lx\n", hal_cause_name(t.cause),
	       estat, badv, regs[32], regs[33]);
	for (int i = 1; i < 32; i++)
		printf("r%-2d %016lx%s", i, regs[i], i % 4 == 3 ? "\n" : "  ");
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
	tf->pc += 4; /* ERA points at the syscall instruction */
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
