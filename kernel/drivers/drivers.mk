# drivers.mk - included by the top Makefile, right after KERNEL_OBJS is set:
# the chapters that link kernel/drivers/fdt.c (kernel/chapters.mk: chapter 6+),
# and every chapter of an arch whose hal reads the DTB (HAL_COMMON has dtb.c),
# link libfdt too (third_party/dtc/libfdt, fetched by scripts/setup.sh), which
# fdt.c uses to read the device tree.
# libfdt is third-party code: built with warnings off (-w) against the small
# C library headers in kernel/lib/include, and linked as an archive so only
# the parts fdt.c calls end up in the kernel.

ifneq ($(filter drivers/fdt.c,$(KERNEL_SRCS))$(filter dtb.c,$(HAL_COMMON)),)
LIBFDT_DIR := third_party/dtc/libfdt
LIBFDT_SRCS := fdt.c fdt_ro.c fdt_strerror.c
LIBFDT_OBJS := $(patsubst %.c,$(BUILD)/libfdt/%.o,$(LIBFDT_SRCS))
LIBFDT_CFLAGS := -Ikernel/lib/include -I$(LIBFDT_DIR)
KERNEL_LIBS += $(BUILD)/libfdt/libfdt.a # after libhal.a: the hal uses it too

$(BUILD)/libfdt/%.o: $(LIBFDT_DIR)/%.c $(BUILD)/flags
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -w $(LIBFDT_CFLAGS) -c $< -o $@

$(BUILD)/libfdt/libfdt.a: $(LIBFDT_OBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

# fdt.c and the hal's dtb.c include libfdt.h (private: not passed on to
# their prerequisite $(BUILD)/flags)
$(BUILD)/kernel/drivers/fdt.o: private CFLAGS += $(LIBFDT_CFLAGS)
$(BUILD)/hal/common/dtb.c.o: private CFLAGS += $(LIBFDT_CFLAGS)
endif
