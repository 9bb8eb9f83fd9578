/*
 * arch/cc.h - what lwIP needs to know about the compiler and the C
 * library (chapter 9): our CPUs are little-endian, there is no
 * <inttypes.h> or <ctype.h> in the kernel, and an assertion that fails is
 * a kernel panic (net/sys_arch.c).
 */
#ifndef LWIP_ARCH_CC_H
#define LWIP_ARCH_CC_H

#include <stdint.h>
#include <stddef.h>

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_NO_INTTYPES_H 1
#define LWIP_NO_CTYPE_H 1
#define LWIP_NO_LIMITS_H 0
#define X8_F "02x"
#define U16_F "u"
#define S16_F "d"
#define X16_F "x"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "lu"

#define LWIP_RAND() ((u32_t)lwip_port_rand())
uint32_t lwip_port_rand(void);

void lwip_port_assert(const char *msg, const char *file, int line);
void lwip_port_diag(const char *fmt, ...);
#define LWIP_PLATFORM_DIAG(x)                                                                      \
	do {                                                                                       \
		lwip_port_diag x;                                                                  \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x) lwip_port_assert(x, __FILE__, __LINE__)

#endif
