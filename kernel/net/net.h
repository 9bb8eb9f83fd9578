/*
 * net.h - the network (chapter 9): lwIP over the virtio-net card
 * (net.c), and sockets over lwIP (socket.c), a file kind.
 */
#ifndef NET_H
#define NET_H

#include "lib/lib.h"

/* Start lwIP on the network card, if there is one, and get an address:
   from QEMU's DHCP server, else the one QEMU's user network gives
   (10.0.2.15). At boot, after devices_init(). */
void net_init(void);
/* Is the network up (a card and an address)? */
bool net_up(void);
/* Log the stack's counts (at power-off): frames, and the pbufs still in
   use (none once every socket is closed). */
void net_log(void);

#endif
