# riscv64: toolchain, flags and QEMU command line (virt machine, OpenSBI, S-mode).
# The files of hal/common/ this arch's hal uses (hardware it shares).
HAL_COMMON := dtb.c uart16550.c
CROSS := riscv64-linux-gnu-
CC := $(CROSS)gcc
LD := $(CROSS)ld
AR := $(CROSS)ar
OBJCOPY := $(CROSS)objcopy
# The MMU page size this port uses (the user programs are linked with it).
PAGE_SIZE := 4096
ARCH_CFLAGS := -march=rv64gc -mabi=lp64d -mcmodel=medany -mno-relax -fno-asynchronous-unwind-tables
ARCH_ASFLAGS :=
ARCH_LDFLAGS := --no-relax -z max-page-size=4096

# The user programs (user/Makefile includes this file): the same tools, their own flags.
USER_CFLAGS := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -mno-relax
USER_LDFLAGS := --no-relax

# OpenSBI loads a flat image at 0x80200000.
KERNEL_IMG := $(BUILD)/kernel.bin
$(KERNEL_IMG): $(KERNEL_ELF)
	@$(OBJCOPY) -O binary $< $@

QEMU_CMD := qemu-system-riscv64 -machine virt -bios default -m 256M -smp 1 -nographic \
	-no-reboot -kernel $(KERNEL_IMG)
GDB_ARCH := -ex 'set architecture riscv:rv64'

# The virtio transports this machine offers for the chapter 6+ disk (VIRTIO=,
# the first is the default; the tests try each one).
VIRTIO_TRANSPORTS := mmio mmio2 pci
# The Debian packages of the tools above (scripts/setup.sh installs them;
# it reads this line as text, so keep it on one line).
PACKAGES := gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu qemu-system-misc
