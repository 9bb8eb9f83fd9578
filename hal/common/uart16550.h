/*
 * uart16550.h - the 16550 UART, shared by the arches whose console is one
 * (riscv64, loongarch64, x86_64). The UART code is written once, in
 * uart16550.c; each arch's console.c only says how to reach the registers
 * (memory-mapped or I/O ports) with these two accessors.
 */
#ifndef UART16550_H
#define UART16550_H

#include <stdint.h>

/* Read and write register `reg` (0..7) of the console UART. */
uint8_t uart_read(int reg);
void uart_write(int reg, uint8_t v);

/* 115200 baud, 8N1, FIFOs on, no interrupts yet. QEMU's UART works
   without it; real hardware (and the x86 BIOS's leftovers) need it. */
void uart16550_init(void);

/* Turn on the receive interrupt (a byte has come, or the FIFO holds bytes
   nobody read for a while); reading them all with hal_console_getc()
   drops it. The arch's hal_console_irq() calls this and routes the line. */
void uart16550_rx_irq_on(void);

#endif
