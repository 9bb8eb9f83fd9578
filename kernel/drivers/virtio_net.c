/*
 * virtio_net.c - the virtio network card (chapter 9), interrupt-driven.
 *
 * The card has two queues: receive (0) and transmit (1). Every buffer
 * starts with a small header (struct virtio_net_hdr: offloads, which we
 * do not ask for, so it is all zeros) followed by one Ethernet frame.
 *
 *   receive   RX_BUFS buffers of BUF_SIZE bytes each wait at the card; it
 *             fills one per frame and interrupts. The handler hands each
 *             frame to the network stack (netdev_set_input) and gives the
 *             buffer straight back.
 *   transmit  a frame is copied into one of TX_BUFS buffers and offered
 *             to the card. The card does not interrupt for those: a
 *             buffer it is done with is taken back (reclaimed) the next
 *             time a frame is sent, or when the receive interrupt comes.
 *             No free buffer: the frame is dropped, as a busy wire would
 *             (TCP sends it again).
 *
 * Everything is static memory, so it has a physical address and nothing
 * is allocated after boot. One CPU, a kernel that runs with interrupts
 * off: the handler and the senders never run at the same time.
 */
#include "drivers/virtio.h"
#include "drivers/netdev.h"
#include "irq.h"

#define VIRTIO_NET_F_MAC (1ULL << 5) /* the card has an address for us */

#define RXQ 0
#define TXQ 1
#define RX_BUFS 64
#define TX_BUFS 64
#define BUF_SIZE 2048 /* header + the largest frame, rounded up */

/* The header of every buffer: 10 bytes for a legacy card, 12 (with
   num_buffers) for a modern one. */
struct virtio_net_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers; /* modern cards only */
};

struct vnet {
	struct virtio_dev *dev;
	struct virtq rxq, txq;
	uint32_t hdr_size;
	uint8_t mac[6];
	int rx_of[VIRTQ_MAX_SIZE]; /* chain head -> rx buffer */
	int tx_of[VIRTQ_MAX_SIZE]; /* chain head -> tx buffer */
	bool tx_busy[TX_BUFS];
	uint64_t rx, tx, rx_drop, tx_drop;
};

static struct vnet card;
static bool present;
static netdev_input_fn input;
static uint8_t rx_bufs[RX_BUFS][BUF_SIZE] __attribute__((aligned(64)));
static uint8_t tx_bufs[TX_BUFS][BUF_SIZE] __attribute__((aligned(64)));

/* Offer rx buffer i to the card. */
static void rx_give(struct vnet *v, int i)
{
	struct virtq_buf b = {rx_bufs[i], BUF_SIZE, true};
	int h = virtq_submit(&v->rxq, &b, 1);
	if (h < 0)
		warn("virtio-net: cannot give receive buffer %d back", i);
	else
		v->rx_of[h] = i;
}

/* Take back the tx buffers the card is done with. */
static void tx_reclaim(struct vnet *v)
{
	int h;
	while ((h = virtq_poll(&v->txq, NULL)) >= 0)
		v->tx_busy[v->tx_of[h]] = false;
}

/* Every received frame to the stack, its buffer back to the card. */
static void collect(struct vnet *v)
{
	int h;
	uint32_t len;
	while ((h = virtq_poll(&v->rxq, &len)) >= 0) {
		int i = v->rx_of[h];
		if (len > v->hdr_size && len <= BUF_SIZE && input != NULL) {
			v->rx++;
			input(rx_bufs[i] + v->hdr_size, len - v->hdr_size);
		} else {
			v->rx_drop++;
		}
		rx_give(v, i);
	}
	tx_reclaim(v);
}

/* The card's interrupt. */
static void vnet_intr(void *arg)
{
	struct vnet *v = arg;
	if (v->dev->t->ack_interrupt(v->dev) != 0)
		collect(v);
}

void netdev_poll(void)
{
	if (present)
		collect(&card);
}

bool netdev_present(void)
{
	return present;
}

void netdev_mac(uint8_t mac[6])
{
	memcpy(mac, card.mac, 6);
}

void netdev_set_input(netdev_input_fn fn)
{
	input = fn;
}

int netdev_send(const void *frame, uint32_t len)
{
	struct vnet *v = &card;
	if (!present)
		return -1;
	tx_reclaim(v);
	int i = 0;
	while (i < TX_BUFS && v->tx_busy[i])
		i++;
	if (i == TX_BUFS || len > BUF_SIZE - v->hdr_size) {
		v->tx_drop++;
		return -1;
	}
	uint8_t *buf = tx_bufs[i];
	memset(buf, 0, v->hdr_size);
	memcpy(buf + v->hdr_size, frame, len);
	struct virtq_buf b = {buf, v->hdr_size + len, false};
	int h = virtq_submit(&v->txq, &b, 1);
	if (h < 0) {
		v->tx_drop++;
		return -1;
	}
	v->tx_of[h] = i;
	v->tx_busy[i] = true;
	v->tx++;
	return 0;
}

void netdev_counts(uint64_t *rx, uint64_t *tx, uint64_t *rx_drop, uint64_t *tx_drop)
{
	*rx = card.rx;
	*tx = card.tx;
	*rx_drop = card.rx_drop;
	*tx_drop = card.tx_drop;
}

int virtio_net_init(struct virtio_dev *d)
{
	struct vnet *v = &card;
	if (present) {
		warn("%s: a second network card, ignored", d->name);
		return -1;
	}
	if (!irq_ready() || d->irq < 0) {
		info("%s: a network card needs its interrupt; ignored", d->name);
		return -1;
	}
	v->dev = d;
	if (virtio_start(d, VIRTIO_NET_F_MAC) != 0)
		return -1;
	v->hdr_size = d->legacy ? 10 : 12;
	if (virtq_init(&v->rxq, d, RXQ) != 0 || virtq_init(&v->txq, d, TXQ) != 0) {
		virtio_fail(d);
		return -1;
	}
	virtq_intr_on(&v->rxq); /* the transmit queue stays silent */
	for (int i = 0; i < RX_BUFS && i < v->rxq.size; i++)
		rx_give(v, i);
	if (d->features & VIRTIO_NET_F_MAC) {
		for (int i = 0; i < 6; i++)
			v->mac[i] = (uint8_t)virtio_config_read(d, i, 1);
	} else {
		/* a locally administered address of our own */
		const uint8_t mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
		memcpy(v->mac, mac, 6);
	}
	if (virtio_ready(d) != 0)
		return -1;
	if (irq_register(d->irq, vnet_intr, v, "net") != 0)
		return -1;
	present = true;
	info("virtio-net: %s, address %02x:%02x:%02x:%02x:%02x:%02x, line %d", d->name, v->mac[0],
	     v->mac[1], v->mac[2], v->mac[3], v->mac[4], v->mac[5], d->irq);
	return 0;
}
