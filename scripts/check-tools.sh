#!/bin/sh
# check-tools.sh ARCH - print the names of the tools this ARCH needs that are
# missing (nothing when all are there). The Makefile runs setup.sh if any are.
arch=${1:-riscv64}
top=$(cd "$(dirname "$0")/.." && pwd)
case $arch in
riscv64) need="riscv64-linux-gnu-gcc riscv64-linux-gnu-objcopy qemu-system-riscv64" ;;
aarch64) need="aarch64-linux-gnu-gcc aarch64-linux-gnu-objcopy qemu-system-aarch64" ;;
loongarch64) need="clang-19 ld.lld-19 llvm-objcopy-19 qemu-system-loongarch64" ;;
x86_64) need="gcc objcopy qemu-system-x86_64" ;;
*)
	echo "unknown-ARCH-$arch"
	exit 0
	;;
esac
missing=""
for t in $need python3 gdb-multiarch mcopy mkfs.vfat; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -f "$top/third_party/lwip/src/core/tcp.c" ] || missing="$missing lwip-source"
[ -f "$top/third_party/dtc/libfdt/fdt.c" ] || missing="$missing libfdt-source"
echo $missing
