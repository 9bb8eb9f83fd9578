/*
 * trap.c - x86_64 trap set-up (IDT, syscall MSRs), cause decoding and the
 * trap frame accessors. The frame layout is in x86.h: reg[i] is general
 * register i in encoding order, pc is rip, status is rflags, tp is the FS
 * base.
 */
#include "hal.h"
#include "x86.h"

#define IST_DOUBLE_FAULT 1 /* gdt.c's tss.ist[0] */

void trap_stubs(void);
void syscall_entry(void);
void user_enter(struct trapframe *tf, int fast);
extern struct trapframe *trap_tf;

/* An interrupt gate: the CPU clears IF when it goes through one. */
struct gate {
	uint16_t offset_lo, selector;
	uint8_t ist, type; /* type: present, DPL, 0xe = 64-bit interrupt gate */
	uint16_t offset_mid;
	uint32_t offset_hi, zero;
} __attribute__((packed));

static struct gate idt[256] __attribute__((aligned(16)));
static uint64_t fs_base; /* what MSR_FS_BASE holds now */

static void set_gate(int vec, int dpl, int ist)
{
	uint64_t a = (uint64_t)trap_stubs + 16 * vec;
	struct gate *g = &idt[vec];
	g->offset_lo = a;
	g->offset_mid = a >> 16;
	g->offset_hi = a >> 32;
	g->selector = KCODE_SEL;
	g->ist = ist;
	g->type = 0x8e | dpl << 5;
}

void hal_trap_init(void)
{
	gdt_init();
	lapic_init();
	for (int v = 0; v < 256; v++)
		set_gate(v, 0, 0);
	set_gate(3, 3, 0); /* int3 may be used in ring 3 (other `int n` give #GP) */
	set_gate(8, 0, IST_DOUBLE_FAULT);
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = {sizeof(idt) - 1, (uint64_t)idt};
	asm volatile("lidt %0" ::"m"(idtr));

	/* syscall: cs = KCODE_SEL, ss = +8; sysretq: ss = KDATA_SEL + 8, cs = +16 (| 3) */
	wrmsr(MSR_STAR, (uint64_t)KDATA_SEL << 48 | (uint64_t)KCODE_SEL << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_SFMASK, RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_AC | RFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);

	/* #AC for ring 3 code that sets RFLAGS.AC. No x87 (its state is not
	   saved): x87 instructions raise #NM, SSE ones #UD (CR4.OSFXSR is 0). */
	write_cr(0, (read_cr(0) | CR0_AM | CR0_EM | CR0_MP) & ~(uint64_t)CR0_TS);
}

/* vector (+ error code, CR2) -> portable cause */
static struct hal_trap decode(uint64_t vec, uint64_t err)
{
	struct hal_trap t = {HAL_CAUSE_OTHER, 0, vec, -1};
	switch (vec) {
	case VEC_SYSCALL:
		t.cause = HAL_CAUSE_SYSCALL;
		break;
	case VEC_PF:
		t.addr = read_cr(2);
		if (err & 0x10) /* instruction fetch */
			t.cause = HAL_CAUSE_FAULT_FETCH;
		else if (err & 0x2) /* write */
			t.cause = HAL_CAUSE_FAULT_STORE;
		else
			t.cause = HAL_CAUSE_FAULT_LOAD;
		break;
	case 6:	 /* #UD invalid opcode */
	case 7:	 /* #NM x87 instruction (CR0.EM) */
	case 13: /* #GP: privileged instruction or register, I/O, int n */
		t.cause = HAL_CAUSE_ILLEGAL;
		break;
	case 17: /* #AC */
		t.cause = HAL_CAUSE_MISALIGNED;
		break;
	case 3: /* #BP int3 */
		t.cause = HAL_CAUSE_BREAKPOINT;
		break;
	case VEC_TIMER:
		t.cause = HAL_CAUSE_TIMER;
		break;
	default:
		if (vec >= VEC_IRQ_BASE && vec < VEC_IRQ_BASE + IOAPIC_MAX_LINES) {
			t.cause = HAL_CAUSE_IRQ;
			t.irq = vec - VEC_IRQ_BASE; /* the IOAPIC input (ioapic.c) */
		}
		break;
	}
	return t;
}

/* What the hal does itself with an interrupt before the kernel sees it:
   the timer is acknowledged in the LAPIC, and dropped if it came before
   the deadline (timer_expired() re-armed it); a spurious or unknown
   vector is dropped. A device vector goes on unacknowledged: the kernel
   calls hal_irq_eoi() once its handlers are done. Return whether the trap
   goes on to the kernel. */
static bool pass_on(uint64_t vec)
{
	if (vec < 32 || vec == VEC_SYSCALL)
		return true; /* an exception or a system call */
	if (vec == VEC_TIMER) {
		lapic_eoi();
		return timer_expired();
	}
	if (vec >= VEC_IRQ_BASE && vec < VEC_IRQ_BASE + IOAPIC_MAX_LINES)
		return true;
	if (vec != VEC_SPURIOUS) /* the LAPIC wants no EOI for a spurious one */
		lapic_eoi();
	return false;
}

/* sysretq restores neither rcx nor r11 (it loads rip and rflags from
   them): use it only when the frame looks as `syscall` left it, and not
   with TF set (it would trap on the way). iretq restores everything. */
static int can_sysret(const struct trapframe *tf)
{
	return tf->reg[REG_RCX] == tf->pc && tf->reg[REG_R11] == tf->status &&
	       !(tf->status & (RFLAGS_TF | RFLAGS_RF));
}

struct hal_trap hal_user_run(struct trapframe *tf)
{
	for (;;) {
		/* iretq and sysretq fault in ring 0 on a non-canonical rip:
		   report it as the fetch fault it would be */
		if (tf->pc >= hal_user_end())
			return (struct hal_trap){HAL_CAUSE_FAULT_FETCH, tf->pc, VEC_PF, -1};
		tf->status = (tf->status & RFLAGS_USER) | RFLAGS_IF | RFLAGS_FIXED;
		if (tf->tp != fs_base) {
			/* ring 3 can change the FS base only by loading %fs,
			   which resets it for itself alone */
			wrmsr(MSR_FS_BASE, tf->tp);
			fs_base = tf->tp;
		}
		trap_tf = tf;
		tss_set_rsp0((uint64_t)&tf->reg[REG_END]);
		user_enter(tf, can_sysret(tf));

		uint64_t vec = tf->reg[REG_VEC];
		if (pass_on(vec))
			return decode(vec, tf->reg[REG_ERR]);
	}
}

static const char *const reg_names[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
					  "r8",	 "r9",	"r10", "r11", "r12", "r13", "r14", "r15"};

/* A trap taken in ring 0, with the registers saved by trap.S: interrupts
   go to the kernel, anything else is a kernel bug, reported with all
   registers. */
void x86_kernel_trap(uint64_t *regs)
{
	uint64_t vec = regs[REG_VEC];
	if (!pass_on(vec))
		return;
	struct hal_trap t = decode(vec, regs[REG_ERR]);
	if (t.cause == HAL_CAUSE_TIMER || t.cause == HAL_CAUSE_IRQ) {
		kernel_trap(t);
		return;
	}
	printf("kernel trap: %s, vector %lu error %lx cr2 %lx rip %lx\n", hal_cause_name(t.cause),
	       vec, regs[REG_ERR], read_cr(2), regs[REG_RIP]);
	for (int i = 0; i < 16; i++) {
		uint64_t v = i == REG_RSP ? regs[REG_USP] : regs[i]; /* rsp at the trap */
		printf("%-3s %016lx%s", reg_names[i], v, i % 4 == 3 ? "\n" : "  ");
	}
	printf("rflags %lx cs %lx ss %lx cr3 %lx\n", regs[REG_RFLAGS], regs[REG_CS], regs[REG_SS],
	       read_cr(3));
	kernel_trap(t);
}

void hal_tf_init(struct trapframe *tf, uint64_t entry, uint64_t sp)
{
	for (int i = 0; i < 32; i++)
		tf->reg[i] = 0;
	tf->pc = entry;
	tf->reg[REG_RSP] = sp;
	tf->status = RFLAGS_IF | RFLAGS_FIXED;
	tf->tp = 0;
}

/* Linux convention: number in rax, arguments in rdi rsi rdx r10 r8 r9. */
static const int arg_reg[6] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};

uint64_t hal_tf_syscall_no(const struct trapframe *tf)
{
	return tf->reg[REG_RAX];
}

uint64_t hal_tf_arg(const struct trapframe *tf, int i)
{
	return tf->reg[arg_reg[i]];
}

void hal_tf_set_arg(struct trapframe *tf, int i, uint64_t v)
{
	tf->reg[arg_reg[i]] = v;
}

uint64_t hal_tf_ret(const struct trapframe *tf)
{
	return tf->reg[REG_RAX];
}

void hal_tf_set_ret(struct trapframe *tf, uint64_t v)
{
	tf->reg[REG_RAX] = v;
}

void hal_tf_skip_syscall(struct trapframe *tf)
{
	(void)tf; /* rip saved by `syscall` is already past the instruction */
}

uint64_t hal_tf_pc(const struct trapframe *tf)
{
	return tf->pc;
}

uint64_t hal_tf_sp(const struct trapframe *tf)
{
	return tf->reg[REG_RSP];
}

void hal_tf_set_sp(struct trapframe *tf, uint64_t sp)
{
	tf->reg[REG_RSP] = sp;
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
	tf->reg[REG_RSP] = sp - 8; /* the return address a call pushes: 0 */
	hal_tf_set_arg(tf, 0, arg);
}
