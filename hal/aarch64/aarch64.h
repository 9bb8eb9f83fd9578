/*
 * aarch64.h - aarch64 system registers and constants used inside
 * hal/aarch64. boot.S includes it too, so constants use UL() and the C-only
 * parts sit under #ifndef __ASSEMBLY__.
 */
#ifndef AARCH64_H
#define AARCH64_H

#ifdef __ASSEMBLY__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

/* The kernel is linked at physical + KERNEL_OFFSET; all RAM and devices are
   reached through the same offset (the direct map, TTBR1). */
#define KERNEL_OFFSET UL(0xffff000000000000)

/* MPIDR_EL1 affinity fields Aff0..Aff2 (bits 0-23) and Aff3 (bits 32-39). */
#define MPIDR_AFF_MASK UL(0xff00ffffff)

/* CPACR_EL1.FPEN = 0b11: FP/SIMD instructions do not trap. */
#define CPACR_FPEN (UL(3) << 20)

/* MAIR_EL1: the memory types a descriptor's AttrIndx selects. */
#define MT_NORMAL 0 /* index 0: normal memory, write-back cacheable */
#define MT_DEVICE 1 /* index 1: device-nGnRnE (MMIO) */
#define MAIR_VALUE ((UL(0xff) << (8 * MT_NORMAL)) | (UL(0x00) << (8 * MT_DEVICE)))

/* TCR_EL1: 48-bit VAs in both halves, 4 KiB granule, page-table walks
   cacheable and inner shareable. boot.S fills IPS from the CPU. */
#define TCR_T0SZ (UL(16) << 0)
#define TCR_IRGN0_WB (UL(1) << 8)
#define TCR_ORGN0_WB (UL(1) << 10)
#define TCR_SH0_INNER (UL(3) << 12)
#define TCR_TG0_4K (UL(0) << 14)
#define TCR_T1SZ (UL(16) << 16)
#define TCR_IRGN1_WB (UL(1) << 24)
#define TCR_ORGN1_WB (UL(1) << 26)
#define TCR_SH1_INNER (UL(3) << 28)
#define TCR_TG1_4K (UL(2) << 30)
#define TCR_IPS_SHIFT 32
#define TCR_VALUE                                                                                  \
	(TCR_T0SZ | TCR_IRGN0_WB | TCR_ORGN0_WB | TCR_SH0_INNER | TCR_TG0_4K | TCR_T1SZ |          \
	 TCR_IRGN1_WB | TCR_ORGN1_WB | TCR_SH1_INNER | TCR_TG1_4K)

/* SCTLR_EL1: MMU, caches and stack alignment checks on; little endian; user
   code may sync its own caches (dc cvau, ic ivau), as under Linux. */
#define SCTLR_M (UL(1) << 0)	  /* MMU */
#define SCTLR_C (UL(1) << 2)	  /* data cache */
#define SCTLR_SA (UL(1) << 3)	  /* SP alignment check at EL1 */
#define SCTLR_SA0 (UL(1) << 4)	  /* SP alignment check at EL0 */
#define SCTLR_I (UL(1) << 12)	  /* instruction cache */
#define SCTLR_UCI (UL(1) << 26)	  /* EL0 may clean/invalidate caches by address */
#define SCTLR_RES1 UL(0x30d00800) /* bits 11, 20, 22, 23, 28, 29 */
#define SCTLR_VALUE (SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_SA0 | SCTLR_I | SCTLR_UCI)

/* Translation table descriptor bits (4 KiB granule). */
#define PTE_VALID (UL(1) << 0)
#define PTE_TABLE (UL(1) << 1) /* levels 0-2: points to a table */
#define PTE_ATTR(i) ((i) << 2) /* AttrIndx into MAIR */
#define PTE_SH_INNER (UL(3) << 8)
#define PTE_AF (UL(1) << 10) /* access flag (else the first access faults) */
#define PTE_PXN (UL(1) << 53)
#define PTE_UXN (UL(1) << 54)
#define PTE_PAGE (UL(1) << 1)		/* level 3: a 4 KiB page (same bit as PTE_TABLE) */
#define PTE_AP_EL0 (UL(1) << 6)		/* AP[1]: EL0 may access */
#define PTE_AP_RO (UL(1) << 7)		/* AP[2]: read-only */
#define PTE_NG (UL(1) << 11)		/* not global: belongs to one address space */
#define PTE_ADDR UL(0x0000fffffffff000) /* output address bits 47:12 */
/* 1 GiB blocks at level 1: kernel-only RAM, and never-executable MMIO. */
#define PTE_BLOCK_NORMAL (PTE_VALID | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define PTE_BLOCK_DEVICE (PTE_VALID | PTE_ATTR(MT_DEVICE) | PTE_AF | PTE_PXN | PTE_UXN)

/* DAIF.I: IRQs masked. */
#define DAIF_I (UL(1) << 7)

/* SPSR_EL1: the NZCV flags; zero elsewhere means EL0t with interrupts on. */
#define SPSR_NZCV UL(0xf0000000)

/* The EL1 physical timer's interrupt: PPI 14 = INTID 30 on the GIC. */
#define TIMER_IRQ 30

#ifndef __ASSEMBLY__
#include <stdint.h>

#define sysreg_read(name)                                                                          \
	({                                                                                         \
		uint64_t v_;                                                                       \
		asm volatile("mrs %0, " #name : "=r"(v_));                                         \
		v_;                                                                                \
	})
#define sysreg_write(name, v) asm volatile("msr " #name ", %0" ::"r"((uint64_t)(v)))

#include "dtb.h"

/* Boot information saved by hal_boot(). */
extern uint64_t boot_dtb_pa;

/* console.c: turn the UART on (after reset UARTEN is clear; QEMU 7.2 sends
   anyway, a real PL011 would not). */
void console_init(void);

/* gicv2.c: claim the interrupt this CPU was signalled for (its INTID, -1
   if spurious); the INTID of a device tree "interrupts" value. */
int gic_claim(void);
int gic_dt_line(const void *interrupts, int len);
#endif

#endif
