/*
 * eiointc.c - the extended I/O interrupt controller (EIOINTC) of the
 * Loongson 3A5000 CPU. It collects 256 interrupt vectors and raises one
 * of the CPU's hardware interrupt pins (HWI0-7, ESTAT.IS bits 2-9). On
 * QEMU's virt board vector n < 64 is PCH-PIC output n (pch_pic.c sends
 * input n there), vectors 64-255 are PCI MSI messages (not used here).
 *
 * Its registers sit in IOCSR space, reached with iocsrrd/iocsrwr, not in
 * memory. One bit per vector unless said, 32 bits per access:
 *   0x14c0 IPMAP    8 bytes, one per group of 32 vectors: bit k sends
 *                   the group to CPU pin INTk = HWIk
 *   0x1600 ENABLE   1 = the vector may interrupt
 *   0x1800 COREISR  this core's pending vectors; writing 1 clears one
 *   0x1c00 COREMAP  256 bytes, one per vector: bit c routes it to CPU c
 * (QEMU 7.2's whole-chip ISR at 0x1700 reads as 0: use COREISR.)
 *
 * A device interrupt travels: device -> PCH-PIC input -> EIOINTC vector
 * -> its COREISR bit on the routed CPU -> HWI0 in ESTAT -> with HWI0 on
 * in ECFG and interrupts on, an interrupt exception. The claim is to
 * read COREISR, take the lowest pending vector and write its bit back:
 * HWI0 drops when no vector is left pending.
 */
#include "hal.h"
#include "loongarch.h"

#define MISC_FUNC 0x420
#define MISC_EXTIOI_EN (1ULL << 48)
#define EIOINTC_IPMAP 0x14c0
#define EIOINTC_ENABLE 0x1600
#define EIOINTC_COREISR 0x1800
#define EIOINTC_COREMAP 0x1c00
#define NVECTORS 256

#define ROUTE_CPU0 0x01	      /* COREMAP byte: CPU 0 */
#define IPMAP_INT0 0x01010101 /* four IPMAP bytes: pin INT0, which is HWI0 */

/* Every vector disabled, routed to CPU 0 and pin INT0; HWI0 on in ECFG. */
void eiointc_init(void)
{
	iocsr_write64(MISC_FUNC, iocsr_read64(MISC_FUNC) | MISC_EXTIOI_EN);
	for (int i = 0; i < NVECTORS / 32; i++)
		iocsr_write32(EIOINTC_ENABLE + 4 * i, 0);
	iocsr_write32(EIOINTC_IPMAP, IPMAP_INT0);
	iocsr_write32(EIOINTC_IPMAP + 4, IPMAP_INT0);
	for (int v = 0; v < NVECTORS; v += 4)
		iocsr_write32(EIOINTC_COREMAP + v,
			      ROUTE_CPU0 | ROUTE_CPU0 << 8 | ROUTE_CPU0 << 16 | ROUTE_CPU0 << 24);
	/* anything left pending from before */
	for (int i = 0; i < NVECTORS / 32; i++)
		iocsr_write32(EIOINTC_COREISR + 4 * i, 0xffffffff);
	csr_xchg(CSR_ECFG, INT_HWI0, INT_HWI0);
}

void eiointc_enable(int vector)
{
	uint64_t reg = EIOINTC_ENABLE + 4 * (vector / 32);
	iocsr_write32(reg, iocsr_read32(reg) | 1u << (vector % 32));
}

void eiointc_disable(int vector)
{
	uint64_t reg = EIOINTC_ENABLE + 4 * (vector / 32);
	iocsr_write32(reg, iocsr_read32(reg) & ~(1u << (vector % 32)));
}

/* The lowest vector pending on this core, cleared; -1 if none. */
int eiointc_claim(void)
{
	for (int i = 0; i < NVECTORS / 32; i++) {
		uint32_t pending = iocsr_read32(EIOINTC_COREISR + 4 * i);
		if (pending) {
			int bit = __builtin_ctz(pending);
			iocsr_write32(EIOINTC_COREISR + 4 * i, 1u << bit);
			return 32 * i + bit;
		}
	}
	return -1;
}
