# aarch64: toolchain, flags and QEMU command line (virt machine, EL1, PSCI).
# The files of hal/common/ this arch's hal uses (hardware it shares).
HAL_COMMON := dtb.c
CROSS := aarch64-linux-gnu-
CC := $(CROSS)gcc
LD := $(CROSS)ld
AR := $(CROSS)ar
OBJCOPY := $(CROSS)objcopy
# The MMU page size this port uses (the user programs are linked with it).
PAGE_SIZE := 4096
# No FP/SIMD registers in the kernel; no calls to libgcc's out-of-line atomics.
ARCH_CFLAGS := -march=armv8-a -mgeneral-regs-only -mcmodel=small -mno-outline-atomics \
	-fno-asynchronous-unwind-tables
ARCH_ASFLAGS :=
ARCH_LDFLAGS := -z max-page-size=4096

# The user programs (user/Makefile includes this file): the same tools, their own flags.
# -mno-outline-atomics: __atomic_* become inline LL/SC loops instead of calls
# to libgcc's __aarch64_cas8_acq and friends, which user programs do not link.
USER_CFLAGS := -mgeneral-regs-only -mno-outline-atomics
USER_LDFLAGS :=

# QEMU loads a raw image at 0x40080000 and enters it with x0 = DTB
# (an ELF would be entered with x0 = 0).
KERNEL_IMG := $(BUILD)/kernel.bin
$(KERNEL_IMG): $(KERNEL_ELF)
	@$(OBJCOPY) -O binary $< $@

# Semihosting lets hal_power_off(true) make QEMU exit with a non-zero status.
QEMU_CMD := qemu-system-aarch64 -machine virt -cpu cortex-a72 -m 256M -smp 1 -nographic \
	-no-reboot -semihosting-config enable=on,target=native -kernel $(KERNEL_IMG)
GDB_ARCH := -ex 'set architecture aarch64'

# The virtio transports this machine offers for the chapter 6+ disk (VIRTIO=,
# the first is the default; the tests try each one).
VIRTIO_TRANSPORTS := mmio mmio2 pci
# The Debian packages of the tools above (scripts/setup.sh installs them;
# it reads this line as text, so keep it on one line).
PACKAGES := gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm
