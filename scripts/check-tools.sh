#!/bin/sh
# check-tools.sh ARCH - print the names of the tools this ARCH needs that are
# missing (nothing when all are there). The Makefile runs setup.sh if any are.
# The arch's own tools come from hal/<arch>/arch.mk (`make print-TOOLS`: its
# compiler, linker, archiver, objcopy and QEMU); the Debian packages that
# provide them are that file's PACKAGES line, which setup.sh installs.
arch=${1:-riscv64}
top=$(cd "$(dirname "$0")/.." && pwd)
command -v make >/dev/null 2>&1 || {
	echo make
	exit 0
}
[ -f "$top/hal/$arch/arch.mk" ] || {
	echo "unknown-ARCH-$arch"
	exit 0
}
need=$(make -s --no-print-directory -C "$top" ARCH="$arch" print-TOOLS 2>/dev/null) || {
	echo "make-print-TOOLS-failed"
	exit 0
}
missing=""
for t in $need python3 gdb-multiarch mcopy mkfs.vfat; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
font=$(make -s --no-print-directory -C "$top" print-CONSOLE_FONT 2>/dev/null)
[ -n "$font" ] && [ -f "$font" ] || missing="$missing console-font"
[ -f "$top/third_party/lwip/src/core/tcp.c" ] || missing="$missing lwip-source"
[ -f "$top/third_party/dtc/libfdt/fdt.c" ] || missing="$missing libfdt-source"
echo $missing
