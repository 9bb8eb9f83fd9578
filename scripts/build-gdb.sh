#!/usr/bin/env bash
# build-gdb.sh - build a gdb that understands LoongArch, for `make gdb
# ARCH=loongarch64`. Debian 12's gdb-multiarch leaves LoongArch out, but
# its gdb 13.1 source supports it: we fetch that Debian source package and
# build only gdb, into third_party/gdb-loongarch64/ (git-ignored). Takes
# about 5 minutes on 2 cores; run once. Needs root for the build packages.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
dest="$top/third_party/gdb-loongarch64"
gdb="$dest/bin/loongarch64-unknown-linux-gnu-gdb"
say() { echo "build-gdb: $*"; }
die() {
	echo "build-gdb: error: $*" >&2
	exit 1
}

[ -x "$gdb" ] && exit 0

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
deps=(dpkg-dev g++ make libgmp-dev libmpfr-dev libexpat1-dev zlib1g-dev texinfo xz-utils)
missing=()
for p in "${deps[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	say "installing ${missing[*]}"
	$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install failed"
fi

# The deb-src entry that setup.sh adds.
bash "$top/scripts/setup.sh" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "fetching the gdb source package"
(cd "$work" && apt-get source -q --download-only gdb >/dev/null 2>&1) || die "apt-get source gdb failed"
tarball=$(ls "$work"/gdb_*.orig.tar.* | head -n 1)
[ -f "$tarball" ] || die "no gdb source tarball"
tar -xf "$tarball" -C "$work"
src=$(ls -d "$work"/gdb-*/ | head -n 1)
[ -f "$src/gdb/loongarch-tdep.c" ] || die "this gdb source has no LoongArch support"

say "building gdb for loongarch64 (about 5 minutes)"
mkdir -p "$work/build"
cd "$work/build"
"$src/configure" --target=loongarch64-unknown-linux-gnu --prefix="$dest" \
	--disable-sim --disable-gprofng --disable-binutils --disable-ld --disable-gas \
	--disable-gold --disable-gprof --without-python --disable-nls --disable-werror \
	--with-expat --disable-source-highlight --without-guile --without-babeltrace \
	--without-debuginfod >"$work/configure.log" 2>&1 || die "configure failed; see $work/configure.log"
make -j"$(nproc)" all-gdb >"$work/make.log" 2>&1 || {
	tail -20 "$work/make.log"
	die "build failed"
}
make install-gdb >"$work/install.log" 2>&1 || die "install failed"
[ -x "$gdb" ] || die "no $gdb after install"
say "installed $gdb"
