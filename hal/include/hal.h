/*
 * hal.h - the whole hardware abstraction layer, in one header.
 *
 * kernel/ calls only what is declared here; each hal/<arch>/ folder
 * implements it with the same file names for the same concepts:
 *
 *   boot.S       reset to kernel_main(): stack, BSS, early page table, park other CPUs
 *   kernel.ld    linker script (defines the kernel_* layout symbols below)
 *   console.c    polled console byte in/out
 *   power.c      power off
 *   cpu.c        CPU id, memory map, phys<->virt, interrupt on/off
 *   trap.S/.c    trap entry/exit, hal_user_run(), trap frame accessors
 *   context.S    kernel thread context switch
 *   timer.c      monotonic counter, one-shot deadline
 *   pagetable.c  address spaces
 *   (controller) the interrupt controller, in files named for the
 *                hardware: plic.c | gicv2.c | eiointc.c + pch_pic.c |
 *                lapic.c + ioapic.c
 *
 * The arch calls back into the kernel only through the functions marked
 * "kernel provides" at the end of this file.
 *
 * Addresses: "pa" is a physical address, "va" a virtual one. The kernel runs
 * in the upper half; all RAM is reachable through a direct map
 * (hal_phys_to_virt). User space lives in the lower half.
 */
#ifndef HAL_H
#define HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The page size: 4 KiB, unless the arch's arch.mk sets it with
   -DHAL_PAGE_SIZE (loongarch64 uses 16 KiB: QEMU 7.2 maps LoongArch guest
   memory in 16 KiB units, so smaller pages would alias). */
#ifndef HAL_PAGE_SIZE
#define HAL_PAGE_SIZE 4096UL
#endif

/* ---- Identity --------------------------------------------------------- */

/* Short name of this architecture: "riscv64", "aarch64", ... */
const char *hal_arch_name(void);

/* The ELF e_machine of programs for this CPU (EM_RISCV, EM_AARCH64, ...). */
int hal_elf_machine(void);

/* ---- Boot and memory -------------------------------------------------- */

/*
 * Layout symbols every kernel.ld defines (virtual addresses). Declare them
 * as `extern char kernel_text_start[];` and take their address.
 *   kernel_start, kernel_text_start, kernel_text_end, kernel_rodata_start,
 *   kernel_rodata_end, kernel_data_start, kernel_data_end, kernel_bss_start,
 *   kernel_bss_end, kernel_end
 */

/* A range of physical RAM the kernel may use: [start, end). */
struct hal_mem_range {
	uint64_t start;
	uint64_t end;
};

/* Fill `out` with up to `max` usable RAM ranges (kernel image, DTB and
   firmware already removed); return how many. */
int hal_mem_ranges(struct hal_mem_range *out, int max);

/* Virtual address of the device tree blob, or NULL if the machine has none. */
void *hal_dtb(void);

/* The kernel command line ("" if none). */
const char *hal_cmdline(void);

/* Convert between a physical address and its direct-map virtual address. */
void *hal_phys_to_virt(uint64_t pa);
uint64_t hal_virt_to_phys(const void *va);

/* Index of the CPU we are running on (0 = boot CPU). */
int hal_cpu_id(void);

/* Make instructions just written to [va, va+len) (a kernel address, e.g.
   a loaded program seen through the direct map) visible to instruction
   fetch, at whatever user address they are mapped. */
void hal_sync_icache(const void *va, size_t len);

/* ---- Console and power ------------------------------------------------- */

/* Write one byte to the console (polled; waits until the UART takes it). */
void hal_console_putc(char c);

/* Read one byte from the console; -1 if none is waiting. */
int hal_console_getc(void);

/* Turn on the console UART's receive interrupt (chapter 9) and return its
   interrupt line; -1 if it has none. Output stays polled. The kernel's
   handler empties the UART with hal_console_getc(), which quiets it. */
int hal_console_irq(void);

/* Stop the machine; QEMU exits. `failure` makes the exit status non-zero
   where the machine can report one. */
void hal_power_off(bool failure) __attribute__((noreturn));

/* ---- Interrupts on this CPU --------------------------------------------- */

void hal_intr_on(void);
void hal_intr_off(void);
/* Turn interrupts off and return whether they were on. */
bool hal_intr_save(void);
/* Turn interrupts back on if `was_on`. */
void hal_intr_restore(bool was_on);
/* Wait for an interrupt (the CPU sleeps: wfi / wfi / idle 0 / hlt), take
   it, and return with interrupts off. Call with interrupts off. A timer
   interrupt taken here reaches kernel_trap() with HAL_CAUSE_TIMER, the
   hal having acknowledged it in the interrupt controller. */
void hal_idle(void);

/* ---- Traps ------------------------------------------------------------ */

/* Set up trap vectors (and syscall entry MSRs etc.) on this CPU. */
void hal_trap_init(void);

/*
 * The saved user state. The layout of reg[] is the arch's own (see its
 * trap.S); the kernel touches a frame only through the accessors below or
 * copies it whole (fork, signal delivery). Every arch rebuilds the
 * privileged part of the state on each entry to user mode (the mode bits
 * of `status`, x86's segment selectors) from constants, so a frame that
 * went through user memory (sigreturn) cannot raise privilege.
 */
struct __attribute__((aligned(16))) trapframe {
	uint64_t reg[32]; /* general registers */
	uint64_t pc;      /* where user mode resumes */
	uint64_t status;  /* saved status word (sstatus, SPSR, PRMD, RFLAGS) */
	uint64_t tp;      /* user thread pointer, where not in reg[] */
	uint64_t kscratch[5]; /* used by the arch's trap code */
};

/* Why hal_user_run() came back. */
enum hal_cause {
	HAL_CAUSE_SYSCALL,
	HAL_CAUSE_TIMER,
	HAL_CAUSE_IRQ,        /* an external (device) interrupt */
	HAL_CAUSE_FAULT_LOAD, /* page fault or access fault on a read */
	HAL_CAUSE_FAULT_STORE,
	HAL_CAUSE_FAULT_FETCH,
	HAL_CAUSE_ILLEGAL,    /* illegal or privileged instruction */
	HAL_CAUSE_MISALIGNED,
	HAL_CAUSE_BREAKPOINT,
	HAL_CAUSE_OTHER,
};

struct hal_trap {
	enum hal_cause cause;
	uint64_t addr; /* faulting address for faults, else 0 */
	uint64_t raw;  /* the arch's own cause code, for messages */
	int irq;       /* HAL_CAUSE_IRQ: the line, already claimed (see below) */
};

/* Name of a cause, for messages. */
static inline const char *hal_cause_name(enum hal_cause cause)
{
	static const char *const names[] = {
		"system call",        "timer interrupt",     "external interrupt",
		"page fault (load)",  "page fault (store)",  "page fault (fetch)",
		"illegal instruction", "misaligned access",  "breakpoint",
		"unknown trap",
	};
	return (unsigned)cause <= HAL_CAUSE_OTHER ? names[cause] : "unknown trap";
}

/*
 * Run user code with the registers in `tf` (in the address space that is
 * active) until the next trap; save the user registers back into `tf` and
 * return why we came back. Interrupts are on in user mode.
 */
struct hal_trap hal_user_run(struct trapframe *tf);

/* Make `tf` a fresh user frame that starts at `entry` with stack `sp`. */
void hal_tf_init(struct trapframe *tf, uint64_t entry, uint64_t sp);

/* System call number and argument i (0..5) of a syscall trap. */
uint64_t hal_tf_syscall_no(const struct trapframe *tf);
uint64_t hal_tf_arg(const struct trapframe *tf, int i);
/* Set argument register i (to pass argc/argv to a new program). */
void hal_tf_set_arg(struct trapframe *tf, int i, uint64_t v);
/* The syscall return value register, and setting it. */
uint64_t hal_tf_ret(const struct trapframe *tf);
void hal_tf_set_ret(struct trapframe *tf, uint64_t v);
/* Move pc past the syscall instruction (call once per syscall). */
void hal_tf_skip_syscall(struct trapframe *tf);
uint64_t hal_tf_pc(const struct trapframe *tf);
uint64_t hal_tf_sp(const struct trapframe *tf);
void hal_tf_set_sp(struct trapframe *tf, uint64_t sp);
void hal_tf_set_tp(struct trapframe *tf, uint64_t tp);
void hal_tf_set_pc(struct trapframe *tf, uint64_t pc);
/* Make `tf` call fn(arg) in user mode with its stack top at `sp` (16-byte
   aligned), as a call from address 0 would: the return-address register
   is 0; on x86_64, where a call pushes the return address, the stack
   pointer is sp - 8 and the kernel has put 0 there. A handler that
   returns instead of calling sigreturn jumps to 0 and faults. */
void hal_tf_call(struct trapframe *tf, uint64_t fn, uint64_t sp, uint64_t arg);

/* Restore the user state saved in `saved` (it came from user memory:
   sigreturn) into `tf`, every user register exactly, the arch's scratch
   words untouched. */
static inline void hal_tf_restore(struct trapframe *tf, const struct trapframe *saved)
{
	for (int i = 0; i < 32; i++)
		tf->reg[i] = saved->reg[i];
	tf->pc = saved->pc;
	tf->status = saved->status;
	tf->tp = saved->tp;
}

/* ---- Kernel threads ----------------------------------------------------- */

/* Callee-saved registers, stack pointer and return address of a thread. */
struct hal_context {
	uint64_t reg[16];
};

/* Make `c` start `entry()` on the stack whose top is `stack_top`. */
void hal_context_init(struct hal_context *c, void *stack_top, void (*entry)(void));

/* Save the running thread into `from` and resume `to`. */
void hal_context_switch(struct hal_context *from, struct hal_context *to);

/* ---- Time ------------------------------------------------------------- */

/* Set up the timer on this CPU (frequency read or calibrated). */
void hal_timer_init(void);
/* Monotonic counter and its frequency in Hz. */
uint64_t hal_time(void);
uint64_t hal_time_freq(void);
/* Raise HAL_CAUSE_TIMER once hal_time() reaches `deadline`. */
void hal_timer_set(uint64_t deadline);
/* Acknowledge a timer interrupt (no new deadline armed). */
void hal_timer_ack(void);

/* ---- Address spaces ----------------------------------------------------- */

#define HAL_PTE_R 0x1      /* readable */
#define HAL_PTE_W 0x2      /* writable */
#define HAL_PTE_X 0x4      /* executable */
#define HAL_PTE_U 0x8      /* user accessible */
#define HAL_PTE_DEVICE 0x10 /* uncached device memory */

/* Highest user address + 1 (user space is [0, HAL_USER_END)). */
uint64_t hal_user_end(void);

struct hal_pagetable; /* opaque */

/* A new address space whose kernel half is shared with every other. */
struct hal_pagetable *hal_pt_create(void);
/* Free the page-table pages of `pt` (not the mapped frames); `pt` must not
   be active. */
void hal_pt_destroy(struct hal_pagetable *pt);
/* Map one HAL_PAGE_SIZE page; 0 on success, -1 if out of memory or already
   mapped. The TLB may keep an invalid entry for va (loongarch64's does):
   after mapping into the active address space, flush it
   (hal_tlb_flush_page). */
int hal_pt_map(struct hal_pagetable *pt, uint64_t va, uint64_t pa, int flags);
/* Unmap one page; return its pa, or 0 if it was not mapped. The TLB may
   keep the old entry: the caller flushes (once for a whole range, see
   hal_pt_active) before the page can be used again. */
uint64_t hal_pt_unmap(struct hal_pagetable *pt, uint64_t va);
/* Give the mapped page at va new HAL_PTE_* `flags` (same frame); -1 if it
   is not mapped. The TLB may keep the old entry: the caller flushes (one
   hal_tlb_flush_all after many pages is cheaper than a flush per page).
   A user store to a page without HAL_PTE_W then traps as
   HAL_CAUSE_FAULT_STORE (copy-on-write fork). */
int hal_pt_protect(struct hal_pagetable *pt, uint64_t va, int flags);
/* Look up va; return true and set *pa and *flags if mapped. */
bool hal_pt_translate(struct hal_pagetable *pt, uint64_t va, uint64_t *pa, int *flags);
/* Make `pt` the current user address space; NULL: the kernel's own (no
   user mappings). Never destroy the active address space. */
void hal_pt_activate(struct hal_pagetable *pt);
/* Is `pt` the user address space the CPU uses now? Only that one can have
   entries in the TLB (activating flushes it), so a change to another
   needs no flush. */
bool hal_pt_active(struct hal_pagetable *pt);
void hal_tlb_flush_page(uint64_t va);
void hal_tlb_flush_all(void);

/* ---- Interrupt controller ----------------------------------------------
 *
 * Devices raise numbered interrupt lines; a line is the controller's own
 * number (riscv64: PLIC source; aarch64: GIC INTID; loongarch64: PCH-PIC
 * input; x86_64: IOAPIC input). Every line starts masked. Who does what,
 * the same on every arch:
 *
 *   timer   the hal acknowledges it in the controller (GIC, LAPIC) before
 *           the trap reaches the kernel as HAL_CAUSE_TIMER; the kernel
 *           disarms the timer itself with hal_timer_ack() or a new
 *           hal_timer_set().
 *   device  the hal claims the interrupt (PLIC claim, GIC IAR, EIOINTC
 *           status, the x86 vector) and hands the kernel HAL_CAUSE_IRQ
 *           with the line in hal_trap.irq; the kernel runs the line's
 *           handlers, which quiet their devices, then calls
 *           hal_irq_eoi(line) exactly once.
 *   nothing a spurious interrupt (nothing left to claim) never reaches
 *           the kernel.
 *
 * This path is the same for an interrupt taken in user mode (from
 * hal_user_run), in hal_idle() and anywhere else in the kernel
 * (kernel_trap). The kernel runs with interrupts off outside hal_idle().
 */

/* Set up the controller on the boot CPU, every device line masked. */
void hal_irq_init(void);
/* Route line `irq` to this CPU and unmask it; mask it again. */
void hal_irq_enable(int irq);
void hal_irq_disable(int irq);
/* The kernel is done with the claimed interrupt on `irq`. */
void hal_irq_eoi(int irq);

/* ---- Devices and buses --------------------------------------------------- */

/* A kernel virtual address for the device registers at physical
   [pa, pa + size), mapped uncached (NULL if it cannot be mapped). */
void *hal_ioremap(uint64_t pa, uint64_t size);

/* A full memory barrier, ordering normal memory and device accesses: what
   was written before (a virtqueue entry) is visible to a device before
   what comes after (the notify), and reads after it see what the device
   wrote before it (the used ring). */
void hal_mb(void);

struct hal_pci {
	uint64_t ecam;       /* physical base of ECAM config space, 0 if no PCI */
	int bus_start, bus_end;
	uint64_t mmio_base, mmio_size; /* 32-bit MMIO window for BARs */
	uint64_t io_base, io_size;     /* I/O window (cpu physical), 0 if none */
	bool bars_assigned;            /* firmware already assigned BARs */
	/* INTx routing when the device tree has no interrupt-map: pin p
	   (1 = INTA) of slot s is line irq_base + (s + p - 1) mod 4, the
	   rotation QEMU's boards use for devices on bus 0. */
	int irq_base;
};

/* Describe the PCI host bridge; return false if there is none. */
bool hal_pci_info(struct hal_pci *out);

/* ---- Kernel provides ----------------------------------------------------- */

/* Entry of the kernel, called once on the boot CPU. */
void kernel_main(int cpu) __attribute__((noreturn));
/* A trap or interrupt taken while in the kernel (not user). */
void kernel_trap(struct hal_trap t);
/* One zeroed physical page for page tables (0 if none), and its release. */
uint64_t kernel_page_alloc(void);
void kernel_page_free(uint64_t pa);
/* Print a message and stop (used by the arch for fatal kernel traps). */
void panic_at(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
