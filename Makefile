# Top-level Makefile: build, run, test and debug the kernel.
#   make [ARCH=riscv64|aarch64|loongarch64|x86_64] [CHAPTER=N] [LOG=level] run|test|gdb|clean|help
# Builds land in build/<arch>/ch<N>/, so switching ARCH or CHAPTER never needs a clean.

.DEFAULT_GOAL := build
ARCH ?= riscv64
LOG ?= info
GDB_PORT ?= 1234
PREEMPT ?= 1
# Fault injection for the tests (chapter 9): disk = the disk stops answering
# at the first write after boot; irq = the UART's interrupt is left without
# a handler.
FAULT ?=
ifneq ($(filter-out disk irq,$(FAULT)),)
$(error FAULT=$(FAULT) is not one of: disk irq)
endif
include kernel/chapters.mk
CHAPTERS := $(CHAPTERS_$(ARCH))
MAX_CHAPTER := $(lastword $(CHAPTERS))
CHAPTER ?= $(MAX_CHAPTER)
# The first process: the chapter's own (INIT_CH<n> in kernel/chapters.mk,
# initproc from chapter 7) unless INIT says otherwise.
DEFAULT_INIT := $(or $(INIT_CH$(CHAPTER)),ch5b_initproc)
INIT ?= $(DEFAULT_INIT)

ARCHES := riscv64 aarch64 loongarch64 x86_64
ifeq ($(filter $(ARCH),$(ARCHES)),)
$(error ARCH=$(ARCH) is not one of: $(ARCHES))
endif
ifeq ($(filter $(CHAPTER),$(CHAPTERS)),)
$(error CHAPTER=$(CHAPTER) is not implemented on $(ARCH) yet; implemented: $(CHAPTERS))
endif
LOG_LEVELS := error warn info debug trace
LOG_NUM := $(if $(filter error,$(LOG)),1,$(if $(filter warn,$(LOG)),2,$(if $(filter info,$(LOG)),3,$(if $(filter debug,$(LOG)),4,$(if $(filter trace,$(LOG)),5,)))))
ifeq ($(LOG_NUM),)
$(error LOG=$(LOG) is not one of: $(LOG_LEVELS))
endif

# Install the tools first if any is missing (not for help/clean/print-*), once per
# top-level make: the recursive makes trust the check of the first.
ifeq ($(filter help clean print-%,$(MAKECMDGOALS))$(filter-out 0,$(MAKELEVEL)),)
TOOLS_MISSING := $(shell scripts/check-tools.sh $(ARCH))
ifneq ($(TOOLS_MISSING),)
$(info make: missing $(TOOLS_MISSING); running scripts/setup.sh to install them)
SETUP_OK := $(shell scripts/setup.sh >&2 && echo ok)
ifneq ($(SETUP_OK),ok)
$(error scripts/setup.sh could not install the tools; read its message above, then run it as root)
endif
endif
endif

GDB := gdb-multiarch
BUILD := build/$(ARCH)/ch$(CHAPTER)$(if $(filter 0,$(PREEMPT)),-nopreempt)$(if $(FAULT),-fault-$(FAULT))$(if $(filter-out info,$(LOG)),-$(LOG))$(if $(filter-out $(DEFAULT_INIT),$(INIT)),-$(INIT))
KERNEL_ELF := $(BUILD)/kernel.elf
include hal/$(ARCH)/arch.mk
# The commands the build runs (scripts/check-tools.sh asks for them).
TOOLS = $(firstword $(CC)) $(LD) $(AR) $(OBJCOPY) $(firstword $(QEMU_CMD))

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-common \
	-fno-stack-protector -fno-pic -fno-pie -fno-omit-frame-pointer \
	-Ihal/include -Iinclude -DCHAPTER=$(CHAPTER) -DLOG_LEVEL=$(LOG_NUM) -DPREEMPT=$(PREEMPT) -DFAULT_DISK=$(if $(filter disk,$(FAULT)),1,0) -DFAULT_IRQ=$(if $(filter irq,$(FAULT)),1,0) -DINIT_PROGRAM=\"$(INIT)\" -MMD -MP $(ARCH_CFLAGS)
ASFLAGS := -Ihal/include -D__ASSEMBLY__ -MMD -MP $(ARCH_ASFLAGS)

KERNEL_OBJS := $(patsubst %.c,$(BUILD)/kernel/%.o,$(KERNEL_SRCS))
# The text console's font (chapter 9, kernel/drivers/fbcon.c): a console font
# of Debian's console-setup-linux package (scripts/setup.sh installs it),
# turned into C at build time by scripts/psf.py; no font data is committed.
CONSOLE_FONT := /usr/share/consolefonts/Lat15-VGA16.psf.gz
ifneq ($(filter drivers/fbcon.c,$(KERNEL_SRCS)),)
KERNEL_OBJS += $(BUILD)/font.c.o
endif
USER_OUT := build/$(ARCH)/user
ifneq ($(APP_FORMAT),)
KERNEL_OBJS += $(BUILD)/apps.S.o
APP_BINS := $(patsubst %,$(USER_OUT)/$(APP_FORMAT),$(APPS))
else
APP_BINS := $(patsubst %,$(USER_OUT)/bin/%,$(APPS))
endif
include kernel/drivers/drivers.mk
# (-include: a student tree of an earlier lab has no kernel/net/)
-include kernel/net/net.mk
HAL_SRCS := $(filter-out hal/$(ARCH)/boot.S,$(wildcard hal/$(ARCH)/*.c hal/$(ARCH)/*.S))
HAL_OBJS := $(patsubst hal/$(ARCH)/%,$(BUILD)/hal/%.o,$(HAL_SRCS)) \
	$(patsubst %,$(BUILD)/hal/common/%.o,$(HAL_COMMON))
BOOT_OBJ := $(BUILD)/hal/boot.S.o

.PHONY: all build images run test bench fuzz crashtest gdb clean help qemu-cmd print-build print-disk disk user lab grade FORCE
all: build
# Two steps: the user programs first (their own make decides what changed),
# then everything built from them, so one `make` always sees new programs.
build:
	@$(MAKE) --no-print-directory user
	@$(MAKE) --no-print-directory images
images: $(KERNEL_IMG)

# Rebuild everything when the flags change (LOG level, ...).
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CFLAGS) $(ASFLAGS)' | cmp -s - $@ || echo '$(CFLAGS) $(ASFLAGS)' > $@

$(BUILD)/kernel/%.o: kernel/%.c $(BUILD)/flags
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -Ikernel -c $< -o $@

$(BUILD)/hal/%.c.o: hal/$(ARCH)/%.c $(BUILD)/flags
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -Ihal/$(ARCH) -Ihal/common -c $< -o $@

# Code shared by several arches' hal (hal/common).
$(BUILD)/hal/common/%.c.o: hal/common/%.c $(BUILD)/flags
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -Ihal/common -c $< -o $@

$(BUILD)/hal/%.S.o: hal/$(ARCH)/%.S $(BUILD)/flags
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(CC) $(CFLAGS) $(ASFLAGS) -Ihal/$(ARCH) -c $< -o $@

# The console font as C (a generated file, under the build folder).
$(BUILD)/font.c: $(CONSOLE_FONT) scripts/psf.py
	@mkdir -p $(@D)
	@echo "  FONT    $@ (from $(CONSOLE_FONT))"
	@python3 scripts/psf.py $(CONSOLE_FONT) > $@.tmp && mv $@.tmp $@

$(BUILD)/font.c.o: $(BUILD)/font.c $(BUILD)/flags
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -Ikernel -c $< -o $@

# The user programs, and the assembly file that embeds them in the kernel.
user:
	@$(MAKE) --no-print-directory -C user ARCH=$(ARCH) OUT=$(abspath $(USER_OUT)) GRADE_TOKEN=$(GRADE_TOKEN)

$(BUILD)/apps.S: kernel/chapters.mk scripts/mkapps.sh
	@mkdir -p $(@D)
	@scripts/mkapps.sh '$(abspath $(USER_OUT))/$(APP_FORMAT)' $(APPS) > $@

$(BUILD)/apps.S.o: $(BUILD)/apps.S $(APP_BINS)
	@$(CC) $(CFLAGS) $(ASFLAGS) -c $< -o $@

$(BUILD)/libhal.a: $(HAL_OBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

$(KERNEL_ELF): $(BOOT_OBJ) $(KERNEL_OBJS) $(BUILD)/libhal.a $(KERNEL_LIBS) hal/$(ARCH)/kernel.ld
	@echo "  LD      $@"
	@$(LD) $(ARCH_LDFLAGS) -nostdlib -T hal/$(ARCH)/kernel.ld -o $@ $(BOOT_OBJ) $(KERNEL_OBJS) $(BUILD)/libhal.a $(KERNEL_LIBS)

# ---- Chapter 6+: a disk with a file system of the user programs ----------
FS ?= easyfs
VIRTIO ?= $(firstword $(VIRTIO_TRANSPORTS))
ifeq ($(filter $(FS),easyfs fat),)
$(error FS=$(FS) is not one of: easyfs fat)
endif
ifeq ($(filter $(VIRTIO),$(VIRTIO_TRANSPORTS)),)
$(error VIRTIO=$(VIRTIO) is not available on $(ARCH): $(VIRTIO_TRANSPORTS))
endif
comma := ,
HOST_OUT := build/host
DISK := $(BUILD)/disk-$(FS).img
DISK_MB ?= 64
ifeq ($(VIRTIO),pci)
DISK_DEVICE := -device virtio-blk-pci,drive=disk0,disable-legacy=on
else
# mmio: QEMU's default legacy (version 1) registers; mmio2: version 2
DISK_DEVICE := -device virtio-blk-device,drive=disk0$(if $(filter shuffled,$(DEVICE_ORDER)),$(comma)bus=virtio-mmio-bus.0)
MMIO_GLOBAL := -global virtio-mmio.force-legacy=$(if $(filter mmio2,$(VIRTIO)),false,true)
endif
ifneq ($(filter $(CHAPTER),$(DISK_CHAPTERS)),)
# DISK_IOPS=N: QEMU lets the disk do at most N reads and writes a second
# (a disk as slow as a real one, whatever the host's; a test's knob)
QEMU_CMD += -drive file=$(DISK),if=none,format=raw,id=disk0$(if $(DISK_IOPS),$(comma)throttling.iops-total=$(DISK_IOPS)) $(MMIO_GLOBAL)
images: $(DISK)
else
DISK_DEVICE :=
endif
# The display (chapter 9): virtio-gpu on the same transport as the disk;
# GPU_QEMU_FLAGS (hal/<arch>/arch.mk) removes a machine's own display.
# GPU=0 leaves it out (the tests check the calls without a display).
GPU ?= 1
ifneq ($(filter $(CHAPTER),$(GPU_CHAPTERS)),)
ifneq ($(GPU),0)
QEMU_CMD += $(GPU_QEMU_FLAGS)
GPU_DEVICE := -device $(if $(filter pci,$(VIRTIO)),virtio-gpu-pci,virtio-gpu-device)
endif
# and a keyboard, on the same transport (keys from the window, or the
# monitor's sendkey)
KEYBOARD_DEVICE := -device $(if $(filter pci,$(VIRTIO)),virtio-keyboard-pci,virtio-keyboard-device)
# a tablet (absolute: the guest's pointer follows the window's) and a
# mouse (relative: QEMU 7.2's monitor command mouse_move sends only
# relative motion, which goes to a relative device only), on the same
# transport
POINTER_DEVICES := -device $(if $(filter pci,$(VIRTIO)),virtio-tablet-pci,virtio-tablet-device) \
	-device $(if $(filter pci,$(VIRTIO)),virtio-mouse-pci,virtio-mouse-device)
# and a network card, on the same transport, on QEMU's user-mode network
# (the guest 10.0.2.15, the host's loopback seen as 10.0.2.2). NET_FWD
# adds port forwards, e.g. NET_FWD=,hostfwd=tcp:127.0.0.1:8080-:80
# (the tests choose free ports on 127.0.0.1).
NET_FWD ?=
NET_DEVICE := -netdev user,id=net0$(NET_FWD) \
	-device $(if $(filter pci,$(VIRTIO)),virtio-net-pci$(comma)disable-legacy=on,virtio-net-device)$(comma)netdev=net0
endif
# The devices in the order they go on QEMU's line. DEVICE_ORDER=shuffled
# (for the tests: probing must not depend on the order) puts them the
# other way round behind the network card, with the disk
# pinned to the first virtio-mmio slot.
DEVICE_ORDER ?= usual
ifeq ($(DEVICE_ORDER),usual)
QEMU_CMD += $(DISK_DEVICE) $(GPU_DEVICE) $(KEYBOARD_DEVICE) $(POINTER_DEVICES) $(NET_DEVICE)
else ifeq ($(DEVICE_ORDER),shuffled)
QEMU_CMD += $(NET_DEVICE) $(POINTER_DEVICES) $(KEYBOARD_DEVICE) $(GPU_DEVICE) $(DISK_DEVICE)
else
$(error DEVICE_ORDER=$(DEVICE_ORDER) is not one of: usual shuffled)
endif
# GUI=1: a window (GUI_DISPLAY: gtk or sdl, from Debian's qemu-system-gui)
# instead of -nographic; the serial console and the monitor (Ctrl-A c)
# stay on the terminal.
GUI ?= 0
GUI_DISPLAY ?= gtk
ifneq ($(GUI),0)
QEMU_CMD := $(filter-out -nographic,$(QEMU_CMD)) -display $(GUI_DISPLAY) -serial mon:stdio
endif

$(HOST_OUT)/mkfs-easyfs $(HOST_OUT)/fsck-easyfs $(HOST_OUT)/easyfs-cat: $(wildcard fs-image/*.c fs-image/*.h) \
		fs-image/Makefile kernel/fs/easyfs_format.h
	@$(MAKE) --no-print-directory -C fs-image OUT=$(abspath $(HOST_OUT))

ifeq ($(FS),easyfs)
$(DISK): $(APP_BINS) $(HOST_OUT)/mkfs-easyfs
	@echo "  MKFS    $@ (easy-fs, $(DISK_MB) MiB)"
	@$(HOST_OUT)/mkfs-easyfs $@ $(DISK_MB) $(APP_BINS)
else
$(DISK): $(APP_BINS)
	@echo "  MKFS    $@ (FAT32, $(DISK_MB) MiB)"
	@rm -f $@
	@mkfs.vfat -F 32 -s 1 -n TEACHOS -C $@ $$(( $(DISK_MB) * 1024 )) >/dev/null
	@mcopy -i $@ $(APP_BINS) ::/
endif

# A fresh disk image (the tests start from one: the guest writes to it).
disk:
	@rm -f $(DISK)
	@$(MAKE) --no-print-directory $(DISK)
print-disk:
	@echo '$(DISK)'

run: build
ifneq ($(GUI),0)
	@$(firstword $(QEMU_CMD)) -display help 2>/dev/null | grep -qx '$(GUI_DISPLAY)' || { \
	echo "make: GUI=1: this QEMU has no '$(GUI_DISPLAY)' display (Debian: apt-get install qemu-system-gui)"; \
	exit 1; }
	@test -n "$$DISPLAY$$WAYLAND_DISPLAY" || { \
	echo "make: GUI=1 needs a desktop: neither DISPLAY nor WAYLAND_DISPLAY is set"; exit 1; }
endif
	$(QEMU_CMD)

# The exact QEMU command line and the build folder, for the test harness.
qemu-cmd:
	@echo '$(QEMU_CMD)'
print-build:
	@echo '$(BUILD)'
# Any variable, for the tests and scripts: make print-VIRTIO_TRANSPORTS ARCH=x86_64
print-%:
	@echo '$($*)'

gdb: build
	@$(if $(GDB_SETUP),test -x $(GDB) || { echo "make: $(GDB) is missing; running $(GDB_SETUP) to build it"; $(GDB_SETUP); })
	@echo "QEMU waits for gdb on port $(GDB_PORT); quit gdb to stop QEMU."
	@$(QEMU_CMD) -S -gdb tcp::$(GDB_PORT) -display none -monitor none -serial file:$(BUILD)/gdb-console.log & \
	qemu=$$!; \
	$(GDB) -q $(GDB_ARCH) -ex 'file $(KERNEL_ELF)' -ex 'target remote :$(GDB_PORT)' $(GDB_EXTRA); \
	kill $$qemu 2>/dev/null; true

test:
	@python3 tests/run.py $(if $(filter command line environment,$(origin ARCH)),--arch $(ARCH)) \
		$(if $(filter command line environment,$(origin CHAPTER)),--chapter $(CHAPTER))

bench:
	@python3 tests/bench.py $(if $(filter command line environment,$(origin ARCH)),--arch $(ARCH))

# The in-guest system call fuzzer (user/src/fuzz.c, tests/fuzz.py, docs/fuzz.md).
fuzz:
	@python3 tests/fuzz.py $(if $(filter command line environment,$(origin ARCH)),--arch $(ARCH)) \
		$(if $(SEEDS),--seeds '$(SEEDS)') $(if $(CALLS),--calls $(CALLS)) \
		$(if $(PARALLEL),--parallel $(PARALLEL))

# The crash test (user/src/crashtest.c, tests/crashtest.py, docs/ch6.md):
# QEMU killed KILLS times in the middle of easy-fs work, the image checked.
crashtest:
	@python3 tests/crashtest.py --arch $(ARCH) $(if $(KILLS),--kills $(KILLS)) \
		$(if $(SEED),--seed $(SEED)) \
		$(if $(filter command line environment,$(origin CHAPTER)),--chapter $(CHAPTER))

# The course labs (docs/labs in each chapter's handout): a student tree for
# the lab of CHAPTER (scripts/lab.py), and the grader (tests/grade.py).
lab:
	@python3 scripts/lab.py tree $(CHAPTER) $(or $(OUT),build/lab$(CHAPTER))

grade:
	@python3 tests/grade.py --arch $(ARCH) $(if $(filter command line environment,$(origin CHAPTER)),--chapter $(CHAPTER))

clean:
	rm -rf build

help:
	@echo "make [knobs] [target]"
	@echo "targets:"
	@echo "  build (default)  build the kernel for ARCH and CHAPTER"
	@echo "  run              build and boot it in QEMU (Ctrl-A X quits QEMU)"
	@echo "  test             run the tests: every chapter on every arch, or the cell"
	@echo "                   given by ARCH= and/or CHAPTER="
	@echo "  bench            run the benchmarks on every arch (or ARCH=) and print a table"
	@echo "  fuzz             run the system call fuzzer on every arch (or ARCH=):"
	@echo "                   SEEDS=1-3|1,5,9|7 CALLS=20000 (per seed) PARALLEL=4"
	@echo "  crashtest        kill QEMU in the middle of easy-fs work KILLS=20 times (seeded:"
	@echo "                   SEED=) and check the image each time: clean, every closed file"
	@echo "                   whole, the operation in flight all there or not at all"
	@echo "  gdb              start QEMU halted and attach gdb with the kernel's symbols"
	@echo "  lab              write the student tree of the lab of CHAPTER (3 4 5 6 8) to OUT="
	@echo "                   (default build/lab<N>): a git repository with one commit"
	@echo "  grade            grade the labs (or CHAPTER='s) on ARCH: points per test, exit 0"
	@echo "                   only with full marks"
	@echo "  clean            remove build/"
	@echo "knobs:"
	@echo "  ARCH=$(ARCHES)  (default riscv64)"
	@echo "  CHAPTER=$(CHAPTERS)  (on $(ARCH); default $(MAX_CHAPTER), the highest implemented)"
	@echo "  LOG=error|warn|info|debug|trace  (default info)"
	@echo "  GDB_PORT=1234"
	@echo "  PREEMPT=0  (chapter 3+: no timer preemption, to see what it is for)"
	@echo "  FAULT=disk|irq  (chapter 9: the disk stops answering at the first write; the UART's"
	@echo "                   interrupt has no handler)"
	@echo "  FS=easyfs|fat  (chapter 6+: the file system on the disk image)"
	@echo "  VIRTIO=$(VIRTIO_TRANSPORTS)  (chapter 6+: virtio transport on $(ARCH))"
	@echo "  DISK_MB=$(DISK_MB)  (chapter 6+: disk image size)"
	@echo "  GPU=0  (chapter 9: no display on the QEMU line)"
	@echo "  GUI=1  (a QEMU window, GUI_DISPLAY=gtk|sdl, instead of -nographic; the console stays here)"
	@echo "  DEVICE_ORDER=shuffled  (chapter 9: the devices in another order, a network card first)"
	@echo "  DISK_IOPS=N            (at most N disk reads and writes a second, as QEMU throttles)"
	@echo "  INIT=ch5b_initproc  (chapter 5+: the first process, initproc from chapter 7; the tests use ch5_usertest)"

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
