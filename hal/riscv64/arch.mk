# riscv64: toolchain, flags and QEMU command line (virt machine, OpenSBI, S-mode).
# The files of hal/common/ this arch's hal uses (hardware it shares).
HAL_COMMON := dtb.c uart16550.c
CROSS := riscv64-linux-gnu-
CC := $(CROSS)gcc
LD := $(CROSS)ld
AR := $(CROSS)ar
OBJCOPY := $(CROSS)objcopy
ARCH_CFLAGS := -march=rv64gc -mabi=lp64d -mcmodel=medany -mno-relax -fno-asynchronous-unwind-tables
ARCH_ASFLAGS :=
ARCH_LDFLAGS := --no-relax -z max-page-size=4096

# OpenSBI loads a flat image at 0x80200000.
KERNEL_IMG := $(BUILD)/kernel.bin
$(KERNEL_IMG): $(KERNEL_ELF)
	@$(OBJCOPY) -O binary $< $@

QEMU_CMD := qemu-system-riscv64 -machine virt -bios default -m 256M -smp 1 -nographic \
	-no-reboot -kernel $(KERNEL_IMG)
GDB_ARCH := -ex 'set architecture riscv:rv64'
