/*
 * net.c - lwIP on the virtio-net card (chapter 9): the network interface
 * (a struct netif) and who calls lwIP when.
 *
 * lwIP runs without an OS layer (NO_SYS, lwipopts.h): it never sleeps
 * or locks, it is called. Three callers drive it, and they never overlap,
 * because the kernel runs with interrupts off on one CPU (a system call
 * is never interrupted in the middle; an interrupt comes only while a
 * program runs in user mode or the CPU idles):
 *
 *   - the card's interrupt: each received frame is copied into a pbuf
 *     and handed to lwIP (netif->input), which may call a socket's
 *     callback, which wakes the threads waiting on it (socket.c);
 *   - system calls on sockets (socket.c): tcp_write, udp_sendto, ...;
 *     frames to send come back here (linkoutput) to the card;
 *   - the clock: lwIP's timers (TCP retransmission, ARP, DHCP) run from
 *     clock_poll(), and clock_next_event() wakes the idle CPU for them.
 *
 * So the rule "one caller at a time" that lwIP's NO_SYS mode needs is the
 * kernel's own rule, and no lock is needed.
 */
#include "net/net.h"
#include "drivers/netdev.h"
#include "task/task.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/timeouts.h"
#include "lwip/stats.h"
#include "lwip/memp.h"
#include "netif/ethernet.h"

#define DHCP_SECONDS 3 /* how long boot waits for an answer */

static struct netif nif;
static bool up;
static uint64_t in_drops; /* frames lost for want of a pbuf */
static uint8_t out_frame[NETDEV_FRAME_MAX];

/* A frame from the card (its interrupt): into a pbuf from lwIP's pool,
   and to lwIP. */
static void frame_in(const void *frame, uint32_t len)
{
	struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (p == NULL) {
		in_drops++;
		return;
	}
	pbuf_take(p, frame, (u16_t)len);
	if (nif.input(p, &nif) != ERR_OK)
		pbuf_free(p);
}

/* lwIP sends a frame: it may be a chain of pbufs, the card takes one
   buffer. */
static err_t linkoutput(struct netif *n, struct pbuf *p)
{
	(void)n;
	if (p->tot_len > sizeof(out_frame))
		return ERR_BUF;
	pbuf_copy_partial(p, out_frame, p->tot_len, 0);
	return netdev_send(out_frame, p->tot_len) == 0 ? ERR_OK : ERR_IF;
}

static err_t nif_init(struct netif *n)
{
	n->name[0] = 'e';
	n->name[1] = 'n';
	n->mtu = NETDEV_MTU;
	n->hwaddr_len = 6;
	netdev_mac(n->hwaddr);
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	n->output = etharp_output;
	n->linkoutput = linkoutput;
	return ERR_OK;
}

/* lwIP's timers, from the clock. */
static void timers_poll(void)
{
	sys_check_timeouts();
}

static uint64_t timers_next(void)
{
	u32_t ms = sys_timeouts_sleeptime();
	if (ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE)
		return CLOCK_NEVER;
	return hal_time() + (uint64_t)ms * (hal_time_freq() / 1000);
}

void net_init(void)
{
	if (!netdev_present()) {
		info("net: no network card");
		return;
	}
	lwip_init();
	netif_add(&nif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4, NULL, nif_init,
		  ethernet_input);
	netif_set_default(&nif);
	netif_set_up(&nif);
	netif_set_link_up(&nif);
	netdev_set_input(frame_in);

	/* DHCP, polled: boot runs with interrupts off and no thread waits. */
	dhcp_start(&nif);
	uint64_t deadline = hal_time() + DHCP_SECONDS * hal_time_freq();
	while (!dhcp_supplied_address(&nif) && hal_time() < deadline) {
		netdev_poll();
		sys_check_timeouts();
	}
	const char *how = "DHCP";
	if (!dhcp_supplied_address(&nif)) {
		/* QEMU's user network always gives this address */
		dhcp_stop(&nif);
		ip4_addr_t ip, mask, gw;
		IP4_ADDR(&ip, 10, 0, 2, 15);
		IP4_ADDR(&mask, 255, 255, 255, 0);
		IP4_ADDR(&gw, 10, 0, 2, 2);
		netif_set_addr(&nif, &ip, &mask, &gw);
		how = "no DHCP answer: static";
	}
	char ip[16], mask[16], gw[16];
	ip4addr_ntoa_r(netif_ip4_addr(&nif), ip, sizeof(ip));
	ip4addr_ntoa_r(netif_ip4_netmask(&nif), mask, sizeof(mask));
	ip4addr_ntoa_r(netif_ip4_gw(&nif), gw, sizeof(gw));
	info("net: address %s, mask %s, gateway %s (%s)", ip, mask, gw, how);
	clock_set_hook(timers_poll, timers_next);
	up = true;
}

bool net_up(void)
{
	return up;
}

void net_log(void)
{
	if (!up)
		return;
	uint64_t rx, tx, rx_drop, tx_drop;
	netdev_counts(&rx, &tx, &rx_drop, &tx_drop);
	info("net: frames in %lu, out %lu, dropped in %lu, out %lu; pbufs in use: %u pool, %u ref",
	     rx, tx, rx_drop + in_drops, tx_drop, (unsigned)lwip_stats.memp[MEMP_PBUF_POOL]->used,
	     (unsigned)lwip_stats.memp[MEMP_PBUF]->used);
}
