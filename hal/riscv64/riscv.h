/*
 * riscv.h - riscv64 registers and constants used inside hal/riscv64.
 */
#ifndef RISCV_H
#define RISCV_H

#include <stdint.h>

/* The kernel is linked at physical + KERNEL_OFFSET; all RAM and devices are
   reached through the same offset (the direct map). */
#define KERNEL_OFFSET 0xffffffc000000000UL

#define csr_read(name)                                                                             \
	({                                                                                         \
		uint64_t v_;                                                                       \
		asm volatile("csrr %0, " #name : "=r"(v_));                                        \
		v_;                                                                                \
	})
#define csr_write(name, v) asm volatile("csrw " #name ", %0" ::"r"((uint64_t)(v)))
#define csr_set(name, v) asm volatile("csrs " #name ", %0" ::"r"((uint64_t)(v)))
#define csr_clear(name, v) asm volatile("csrc " #name ", %0" ::"r"((uint64_t)(v)))

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_SUM (1UL << 18)

/* An SBI call: extension eid, function fid, up to three arguments. */
struct sbiret {
	long error;
	long value;
};
struct sbiret sbi_call(long eid, long fid, long a0, long a1, long a2);

#include "dtb.h"

/* Boot information saved by boot.S. */
extern uint64_t boot_hartid;
extern uint64_t boot_dtb_pa;

/* plic.c: claim the pending external interrupt; its source, -1 if none. */
int plic_claim(void);

#endif
