# loongarch64: toolchain, flags and QEMU command line (virt machine, no firmware, PLV0).
# The files of hal/common/ this arch's hal uses (hardware it shares).
HAL_COMMON := uart16550.c
# Debian 12 has no LoongArch GCC: clang-19 and ld.lld-19. The triple's "gnusf"
# environment implies the soft-float ABI lp64s; with plain loongarch64-unknown-elf
# (which implies lp64d) -mabi=lp64s makes LLVM print a warning for every file.
CC := clang-19 --target=loongarch64-unknown-none-gnusf
LD := ld.lld-19
AR := llvm-ar-19
OBJCOPY := llvm-objcopy-19
# The MMU page size this port uses (the user programs are linked with it).
PAGE_SIZE := 16384
# -msoft-float also turns off the FP and LSX instructions clang enables by default.
# -mcmodel=normal: code and data are reached pc-relative (+-2 GiB), so the high
# link address 0x9000000000200000 needs nothing bigger.
# -fdirect-access-external-data: without it clang reaches every extern variable
# (kernel_end, ...) through a GOT, even with -fno-pic.
# -DHAL_PAGE_SIZE: 16 KiB pages, as Linux/LoongArch (see pagetable.c).
ARCH_CFLAGS := -mabi=lp64s -msoft-float -mcmodel=normal -fdirect-access-external-data \
	-fno-asynchronous-unwind-tables -DHAL_PAGE_SIZE=$(PAGE_SIZE)UL
ARCH_ASFLAGS :=
ARCH_LDFLAGS := -z max-page-size=4096

# The user programs (user/Makefile includes this file): the same tools, their own flags.
USER_CFLAGS := -mabi=lp64s -msoft-float -mcmodel=normal -fdirect-access-external-data
USER_LDFLAGS :=

# QEMU 7.2 loads the ELF itself, at physical (address & 0x1fffffff).
KERNEL_IMG := $(KERNEL_ELF)

# QEMU 7.2's loongarch virt refuses less than -m 1G ("ram_size must be greater
# than 1G"): 256 MiB sit at physical 0, the rest at 0x90000000.
QEMU_CMD := qemu-system-loongarch64 -machine virt -m 1G -smp 1 -nographic \
	-no-reboot -kernel $(KERNEL_IMG)
# Debian 12's gdb-multiarch is built without LoongArch: `make gdb` uses a gdb
# built from Debian's gdb 13.1 source by scripts/build-gdb.sh (once, ~5 min).
GDB := third_party/gdb-loongarch64/bin/loongarch64-unknown-linux-gnu-gdb
GDB_SETUP := scripts/build-gdb.sh
GDB_ARCH := -ex 'set architecture Loongarch64'

# The virtio transports this machine offers for the chapter 6+ disk (VIRTIO=,
# the first is the default; the tests try each one).
VIRTIO_TRANSPORTS := pci
# The Debian packages of the tools above (scripts/setup.sh installs them;
# it reads this line as text, so keep it on one line).
PACKAGES := clang-19 lld-19 llvm-19 qemu-system-misc
