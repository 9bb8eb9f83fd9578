/*
 * loongarch.h - loongarch64 registers, address windows and constants used
 * inside hal/loongarch64. boot.S includes it too, so the C parts sit
 * behind __ASSEMBLY__.
 */
#ifndef LOONGARCH_H
#define LOONGARCH_H

/*
 * Direct mapped windows (DMW): with paging on, an address whose top four
 * bits match a window's VSEG goes straight to physical address
 * va[47:0]. boot.S sets two, both for PLV0 only:
 *   DMW0 0x8000... strongly-ordered uncached, for device registers
 *   DMW1 0x9000... coherent cached, for RAM: the kernel's direct map
 */
#define UNCACHED_BASE 0x8000000000000000
#define CACHED_BASE 0x9000000000000000
#define DMW_PA_MASK 0x0000ffffffffffff /* PALEN is 48 on QEMU */
#define DMW_PLV0 0x1
#define DMW_MAT_CC 0x10 /* memory access type 1: coherent cached */
#define DMW0_VALUE (UNCACHED_BASE | DMW_PLV0)
#define DMW1_VALUE (CACHED_BASE | DMW_MAT_CC | DMW_PLV0)

/* The kernel is linked at KERNEL_PHYS in the cached window. */
#define KERNEL_PHYS 0x200000

/*
 * User paging (see pagetable.c): 16 KiB pages (HAL_PAGE_SIZE, set in
 * arch.mk) and page-table pages of 2048 8-byte entries, three levels:
 *   va[46:36] root, va[35:25] directory, va[24:14] page table, va[13:0] offset.
 */
#define PAGE_SHIFT 14
#define PT_BITS 11 /* index bits per level */
#define PT_LEVELS 3
#define PTE_NX_BIT 62 /* not executable: see tlb_refill in trap.S */

/*
 * Does the TLB refill give the NX bit of user pages to the TLB? It should:
 * a fetch from such a page then takes PNX, which trap.c reports as a fetch
 * fault. But QEMU 7.2 hangs on PNX (see tlb_refill in trap.S), so the
 * refill clears NX and user pages are executable. Set to 1 on hardware,
 * on a QEMU that delivers PNX, or to watch QEMU 7.2 hang (ch4_exec_data).
 */
#define REFILL_KEEPS_NX 0

/* CSR numbers */
#define CSR_CRMD 0x0	/* current mode */
#define CSR_PRMD 0x1	/* mode before the last exception */
#define CSR_EUEN 0x2	/* FP/SIMD enable */
#define CSR_ECFG 0x4	/* interrupt enable lines */
#define CSR_ESTAT 0x5	/* exception status */
#define CSR_ERA 0x6	/* exception return address */
#define CSR_BADV 0x7	/* faulting address */
#define CSR_EENTRY 0xc	/* exception and interrupt entry */
#define CSR_TLBIDX 0x10 /* TLB index; page size in bits 29:24 */
#define CSR_ASID 0x18	/* address space id of TLB lookups */
#define CSR_PGDL 0x19	/* page table root, lower half */
#define CSR_PGDH 0x1a	/* page table root, upper half */
#define CSR_PGD 0x1b	/* the root for the faulting address (read only) */
#define CSR_PWCL 0x1c	/* page walk: PT and dir 1-2 positions */
#define CSR_PWCH 0x1d	/* page walk: dir 3-4 positions */
#define CSR_STLBPS 0x1e /* page size of the STLB */
#define CSR_CPUID 0x20	/* core number in bits 8:0 */
#define CSR_SAVE0 0x30	/* KScratch 0..: free for the kernel */
#define CSR_SAVE1 0x31
#define CSR_SAVE2 0x32
#define CSR_TCFG 0x41	   /* timer config */
#define CSR_TICLR 0x44	   /* timer interrupt clear */
#define CSR_TLBRENTRY 0x88 /* TLB refill entry (physical) */
#define CSR_TLBRBADV 0x89  /* the address that missed */
#define CSR_TLBRSAVE 0x8b  /* scratch of the TLB refill handler */
#define CSR_TLBRELO0 0x8c  /* TLB refill: even page entry */
#define CSR_TLBRELO1 0x8d  /* TLB refill: odd page entry */
#define CSR_TLBREHI 0x8e   /* TLB refill entry high: page size */
#define CSR_DMW0 0x180
#define CSR_DMW1 0x181

/* PRMD bits: the privilege level and interrupt enable before the trap */
#define PRMD_PPLV_MASK 0x3
#define PRMD_PPLV_USER 0x3
#define PRMD_PIE 0x4

/* ESTAT fields */
#define ESTAT_IS_MASK 0x1fff /* pending interrupt lines */
#define ESTAT_ECODE(e) (((e) >> 16) & 0x3f)
#define ESTAT_SUBCODE(e) (((e) >> 22) & 0x1ff)

/* Interrupt lines (ESTAT.IS, ECFG.LIE) */
#define INT_HWI0 (1 << 2)  /* the EIOINTC's pin INT0 (eiointc.c) */
#define INT_HWI_MASK 0x3fc /* HWI0-7: devices */
#define INT_TIMER (1 << 11)

/* CRMD bits */
#define CRMD_PLV_MASK 0x3
#define CRMD_IE 0x4	  /* interrupts enabled */
#define CRMD_DA 0x8	  /* direct address translation (paging off) */
#define CRMD_PG 0x10	  /* mapped address translation */
#define CRMD_DATF_CC 0x20 /* fetch access type in DA mode: cached */
#define CRMD_DATM_CC 0x80 /* load/store access type in DA mode: cached */

#define CPUID_MASK 0x1ff

#ifndef __ASSEMBLY__

#include <stdint.h>

/* csrrd/csrwr/csrxchg take the CSR number as an immediate, so these are macros. */
#define csr_read(csr)                                                                              \
	({                                                                                         \
		uint64_t v_;                                                                       \
		asm volatile("csrrd %0, %1" : "=r"(v_) : "i"(csr));                                \
		v_;                                                                                \
	})

#define csr_write(csr, v)                                                                          \
	({                                                                                         \
		uint64_t v_ = (v);                                                                 \
		asm volatile("csrwr %0, %1" : "+r"(v_) : "i"(csr) : "memory");                     \
	})

/*
 * Set the bits of `mask` in the CSR to those of `v`; return the old value.
 * The mask must not sit in $r0 or $r1 (those encodings mean csrrd and
 * csrwr), so it is pinned to $t0.
 */
#define csr_xchg(csr, v, mask)                                                                     \
	({                                                                                         \
		uint64_t v_ = (v);                                                                 \
		register uint64_t m_ asm("$t0") = (mask);                                          \
		asm volatile("csrxchg %0, %1, %2" : "+r"(v_) : "r"(m_), "i"(csr) : "memory");      \
		v_;                                                                                \
	})

/* IOCSR space: per-core registers (IPI, EIOINTC, features) on their own bus. */
static inline uint32_t iocsr_read32(uint64_t reg)
{
	uint32_t v;
	asm volatile("iocsrrd.w %0, %1" : "=r"(v) : "r"(reg));
	return v;
}

static inline uint64_t iocsr_read64(uint64_t reg)
{
	uint64_t v;
	asm volatile("iocsrrd.d %0, %1" : "=r"(v) : "r"(reg));
	return v;
}

static inline void iocsr_write32(uint64_t reg, uint32_t v)
{
	asm volatile("iocsrwr.w %0, %1" ::"r"(v), "r"(reg) : "memory");
}

static inline void iocsr_write64(uint64_t reg, uint64_t v)
{
	asm volatile("iocsrwr.d %0, %1" ::"r"(v), "r"(reg) : "memory");
}

/* The interrupt controllers (eiointc.c, pch_pic.c). */
void eiointc_init(void);
void eiointc_enable(int vector);
void eiointc_disable(int vector);
int eiointc_claim(void);
int irq_claim(void);

/* Device registers at physical `pa`, reached through the uncached window. */
static inline volatile void *uncached(uint64_t pa)
{
	return (volatile void *)(pa | UNCACHED_BASE);
}

static inline uint8_t mmio_read8(uint64_t pa)
{
	return *(volatile uint8_t *)uncached(pa);
}

static inline void mmio_write8(uint64_t pa, uint8_t v)
{
	*(volatile uint8_t *)uncached(pa) = v;
}

static inline void mmio_write16(uint64_t pa, uint16_t v)
{
	*(volatile uint16_t *)uncached(pa) = v;
}

static inline uint32_t mmio_read32(uint64_t pa)
{
	return *(volatile uint32_t *)uncached(pa);
}

static inline void mmio_write32(uint64_t pa, uint32_t v)
{
	*(volatile uint32_t *)uncached(pa) = v;
}

#endif /* __ASSEMBLY__ */

#endif
