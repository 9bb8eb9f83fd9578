/*
 * netdev.h - the network card (chapter 9, drivers/virtio_net.c), as the
 * network stack (net/) sees it: Ethernet frames out, Ethernet frames in.
 */
#ifndef DRIVERS_NETDEV_H
#define DRIVERS_NETDEV_H

#include "lib/lib.h"

#define NETDEV_MTU 1500	      /* bytes of payload in one frame */
#define NETDEV_FRAME_MAX 1514 /* MTU + the Ethernet header (no CRC) */

/* Called from the card's interrupt for every frame received (interrupts
   off; it must not sleep). The frame is the driver's: copy what is kept. */
typedef void (*netdev_input_fn)(const void *frame, uint32_t len);

/* Is there a card? */
bool netdev_present(void);
/* Its Ethernet address. */
void netdev_mac(uint8_t mac[6]);
/* Where received frames go (NULL: dropped). */
void netdev_set_input(netdev_input_fn fn);
/* Send one frame of at most NETDEV_FRAME_MAX bytes (copied): 0, or -1 if
   the card has no room for it now (the frame is dropped, as on a wire). */
int netdev_send(const void *frame, uint32_t len);
/* Collect received frames without waiting for the interrupt (at boot,
   while interrupts are off). */
void netdev_poll(void);
/* Counts, for the log: frames in, out, dropped on the way in and out. */
void netdev_counts(uint64_t *rx, uint64_t *tx, uint64_t *rx_drop, uint64_t *tx_drop);

#endif
