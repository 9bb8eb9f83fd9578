# net.mk - included by the top Makefile after drivers.mk: the chapters
# that link kernel/net/net.c (chapter 9) link lwIP too (third_party/lwip,
# Debian's source, fetched by scripts/setup.sh): IPv4, TCP, UDP, DHCP and
# Ethernet/ARP, built as an archive like libfdt, with its warnings off
# (-w: third-party code) and configured by kernel/net/lwipopts.h.
# Our glue in kernel/net sees lwIP's headers as system headers, so
# -Werror holds for our code and not for theirs.

ifneq ($(filter net/net.c,$(KERNEL_SRCS)),)
LWIP_DIR := third_party/lwip/src
LWIP_SRCS := core/init.c core/def.c core/inet_chksum.c core/ip.c core/mem.c core/memp.c \
	core/netif.c core/pbuf.c core/stats.c core/sys.c core/tcp.c core/tcp_in.c \
	core/tcp_out.c core/timeouts.c core/udp.c core/ipv4/dhcp.c core/ipv4/etharp.c \
	core/ipv4/icmp.c core/ipv4/ip4.c core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c \
	netif/ethernet.c
LWIP_OBJS := $(patsubst %.c,$(BUILD)/lwip/%.o,$(LWIP_SRCS))
LWIP_CFLAGS := -Ikernel/net -Ikernel/lib/include -isystem $(LWIP_DIR)/include
KERNEL_LIBS += $(BUILD)/lwip/liblwip.a

# lwipopts.h is named by hand: it is included from lwIP's headers, which
# are system headers here, so -MMD leaves it out of the .d files.
$(BUILD)/lwip/%.o: $(LWIP_DIR)/%.c $(BUILD)/flags kernel/net/lwipopts.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -w $(LWIP_CFLAGS) -c $< -o $@

$(BUILD)/lwip/liblwip.a: $(LWIP_OBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

$(BUILD)/kernel/net/%.o: private CFLAGS += $(LWIP_CFLAGS)
$(patsubst %.c,$(BUILD)/kernel/%.o,$(filter net/%.c,$(KERNEL_SRCS))): kernel/net/lwipopts.h
endif
