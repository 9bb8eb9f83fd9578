/*
 * lwipopts.h - how lwIP (third_party/lwip) is built into the kernel
 * (chapter 9): IPv4 only, the raw callback API without an OS layer
 * (NO_SYS), all memory static. The kernel runs with interrupts off on one
 * CPU, so lwIP is only ever entered by one caller at a time: a system
 * call, the card's interrupt, or the clock (net/net.c explains).
 */
#ifndef LWIPOPTS_H
#define LWIPOPTS_H

#define NO_SYS 1	       /* no threads, semaphores or mailboxes in lwIP */
#define LWIP_TIMERS 1	       /* its timers run from sys_check_timeouts() */
#define SYS_LIGHTWEIGHT_PROT 0 /* see above: nothing to protect against */
#define LWIP_SOCKET 0	       /* our own sockets (net/socket.c) */
#define LWIP_NETCONN 0

#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
/* No ARP probe of the offered address before taking it: lwIP waits two
   of its 500 ms DHCP ticks for an answer, and boot waits for the lease
   (net.c). On QEMU's user network the only other host is QEMU's own
   gateway, which hands the addresses out, so no one else can hold it. */
#define DHCP_DOES_ARP_CHECK 0
#define LWIP_DNS 0
#define LWIP_IGMP 0
#define LWIP_AUTOIP 0
#define LWIP_NETIF_STATUS_CALLBACK 0
#define IP_REASSEMBLY 1
#define IP_FRAG 1
#define LWIP_STATS 1 /* pbufs and segments in use, for the leak check */
#define LWIP_STATS_DISPLAY 0
#define LWIP_SO_RCVBUF 0

/* Memory: lwIP's own heap (pbufs we send) and pools, all static. */
#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0
#define MEM_ALIGNMENT 8
#define MEM_SIZE (512 * 1024)
#define PBUF_POOL_SIZE 128 /* frames received and not yet read */
#define MEMP_NUM_PBUF 64
#define MEMP_NUM_UDP_PCB 16
#define MEMP_NUM_TCP_PCB 48 /* connections, TIME_WAIT ones included */
#define MEMP_NUM_TCP_PCB_LISTEN 16
#define MEMP_NUM_TCP_SEG 512
#define MEMP_NUM_REASSDATA 8
#define MEMP_NUM_FRAG_PBUF 16
#define MEMP_NUM_ARP_QUEUE 32
#define ARP_QUEUEING 1

/* TCP: a 1460-byte segment, windows of a few segments each way. */
#define TCP_MSS 1460
#define TCP_WND (16 * TCP_MSS)
#define TCP_SND_BUF (16 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_LISTEN_BACKLOG 1
#define TCP_DEFAULT_LISTEN_BACKLOG 16
#define LWIP_TCP_KEEPALIVE 0
#define SO_REUSE 1 /* SO_REUSEADDR */

#define LWIP_NETIF_HOSTNAME 0
#define LWIP_NETIF_LINK_CALLBACK 0
#define LWIP_SINGLE_NETIF 1
#define CHECKSUM_GEN_IP 1
#define CHECKSUM_CHECK_IP 1

#define LWIP_DEBUG 0

#endif
