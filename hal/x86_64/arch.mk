# x86_64: toolchain, flags and QEMU command line (q35 machine, SeaBIOS, Multiboot v1).
# The files of hal/common/ this arch's hal uses (hardware it shares).
HAL_COMMON := uart16550.c
CC := gcc
LD := ld
AR := ar
OBJCOPY := objcopy
# The MMU page size this port uses (the user programs are linked with it).
PAGE_SIZE := 4096
ARCH_CFLAGS := -m64 -mno-red-zone -mno-sse -mno-mmx -mno-sse2 -mno-80387 -mcmodel=kernel \
	-fno-asynchronous-unwind-tables
ARCH_ASFLAGS :=
ARCH_LDFLAGS := -m elf_x86_64 -z max-page-size=4096 -z noexecstack

# The user programs (user/Makefile includes this file): the same tools, their own flags.
USER_CFLAGS := -m64 -mno-sse -mno-mmx -mno-80387
USER_LDFLAGS := -m elf_x86_64

# QEMU's -kernel loads the ELF itself through the Multiboot v1 header in
# boot.S (a.out kludge: it copies the file by the physical addresses there).
KERNEL_IMG := $(KERNEL_ELF)

# isa-debug-exit: hal_power_off(true) makes QEMU exit with status 3.
# -nic none: no default e1000e. -machine graphics=on: -nographic alone makes
# SeaBIOS mirror its screen on COM1 (it clears the terminal and prints its banner).
QEMU_CMD := qemu-system-x86_64 -machine q35 -m 256M -smp 1 -nographic -no-reboot \
	-kernel $(KERNEL_IMG) -device isa-debug-exit,iobase=0xf4,iosize=0x04 -nic none \
	-machine graphics=on
# Chapter 9's display: q35's default VGA goes, a virtio-gpu-pci comes instead.
GPU_QEMU_FLAGS := -vga none
GDB_ARCH := -ex 'set architecture i386:x86-64'

# The virtio transports this machine offers for the chapter 6+ disk (VIRTIO=,
# the first is the default; the tests try each one).
VIRTIO_TRANSPORTS := pci
# The Debian packages of the tools above (scripts/setup.sh installs them;
# it reads this line as text, so keep it on one line).
PACKAGES := gcc binutils qemu-system-x86
