#!/usr/bin/env bash
# setup.sh - install everything the project needs on a fresh Debian 12 machine.
#
# Idempotent: run it as often as you like. It installs the cross toolchains,
# QEMU, file-system tools and a console font from Debian's archive, then fetches the lwIP and
# libfdt sources from Debian's source packages into third_party/ (git-ignored).
# Run as root (or with sudo available).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
third="$top/third_party"

# The tools every arch needs; each arch adds its own below.
packages=(
	make python3 git ca-certificates dpkg-dev
	qemu-utils
	gdb-multiarch mtools dosfstools clang-format
	console-setup-linux # the chapter 9 screen's font (CONSOLE_FONT in the Makefile)
)

say() { echo "setup: $*"; }
die() {
	echo "setup: error: $*" >&2
	exit 1
}

# The arches are the ARCHES line of the Makefile; each hal/<arch>/arch.mk
# names the Debian packages of its tools (PACKAGES) and its QEMU (QEMU_CMD).
# Read as text, not with make: make may not be installed yet.
arches=$(sed -n 's/^ARCHES := //p' "$top/Makefile")
arch_var() { # arch variable: the value of a one-line "VAR := value" in arch.mk
	sed -n "s/^$2 := //p" "$top/hal/$1/arch.mk"
}
[ -n "$arches" ] || die "no ARCHES line in $top/Makefile"
for a in $arches; do
	p=$(arch_var "$a" PACKAGES)
	[ -n "$p" ] || die "hal/$a/arch.mk has no PACKAGES line"
	# shellcheck disable=SC2206 # a list of words
	packages+=($p)
done

sudo=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || die "run me as root (apt-get needs it)"
	sudo=sudo
fi

# --- Debian packages -------------------------------------------------------
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q >/dev/null || die "apt-get update failed"
	$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install failed for: ${missing[*]}"
fi

# --- QEMU must be 7.2 or newer ----------------------------------------------
for a in $arches; do
	q=$(arch_var "$a" QEMU_CMD | awk '{ print $1 }')
	v=$($q --version | sed -n 's/^QEMU emulator version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
	set -- $v
	if [ -z "${1:-}" ] || [ "$1" -lt 7 ] || { [ "$1" -eq 7 ] && [ "$2" -lt 2 ]; }; then
		die "$q is version '${v:-unknown}', need 7.2 or newer"
	fi
done

# --- Third-party sources (lwIP, libfdt) from Debian source packages --------
# The Debian archive this machine already uses for bookworm (a mirror or a
# proxy, whatever its apt sources say): the first URI of an enabled "deb"
# entry for the bookworm suite, in deb822 (.sources) or one-line (.list) form.
# No archive address is written in this script.
debian_uri() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '
			/^[ \t]*$/ { if (deb && suite && uri != "") { print uri; exit } deb = 0; suite = 0; uri = ""; next }
			/^Types:/ { deb = ($0 ~ /[ \t]deb([ \t]|$)/) }
			/^URIs:/ { uri = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") suite = 1 }
			/^Enabled:[ \t]*no/ { deb = 0 }
			END { if (deb && suite && uri != "") print uri }
		' "$f" | head -n 1
	done | head -n 1 | grep . && return 0
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/) { if ($(i + 1) == "bookworm") { print $i; exit } break } }' |
		grep .
}

# deb-src entry for bookworm main, added once, on the machine's own archive.
add_deb_src() {
	if grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ || grep -rqs '^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		return 0
	fi
	local uri
	uri=$(debian_uri) || die "no apt source for Debian bookworm found in /etc/apt: cannot add a deb-src entry"
	say "adding a deb-src entry for bookworm main ($uri)"
	printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" |
		$sudo tee /etc/apt/sources.list.d/project-src.sources >/dev/null
	$sudo apt-get update -q >/dev/null || die "apt-get update failed"
}

# Download a source package into the current folder. The archive mirror here
# sometimes lacks a bookworm source file; then try the next release's index
# (kept in a private apt state folder, so the system's lists are untouched).
download_source() { # package
	apt-get source -q --download-only "$1" >/dev/null 2>&1 && return 0
	local state
	state=$(mktemp -d)
	mkdir -p "$state/lists/partial"
	local uri
	uri=$(debian_uri) || return 1
	printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" >"$state/src.sources"
	local opts=(-o Dir::Etc::sourcelist="$state/src.sources" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$state/lists")
	apt-get "${opts[@]}" update -q >/dev/null 2>&1 || true
	apt-get "${opts[@]}" source -q --download-only "$1" >/dev/null 2>&1 || true
	rm -rf "$state"
	ls ./*.orig.tar.* >/dev/null 2>&1
}

# Unpack what download_source got: the full Debian source if the .dsc and all
# its files are there, else the upstream tarball alone (all we build from).
unpack_source() { # into-dir
	if dpkg-source --no-check -x ./*.dsc "$1" >/dev/null 2>&1; then
		return 0
	fi
	local tarball
	tarball=$(ls ./*.orig.tar.* | sort | tail -n 1)
	mkdir -p "$1"
	tar -xf "$tarball" -C "$1" --strip-components=1
}

fetch_source() { # package  dir-name  file-to-check
	local pkg=$1 name=$2 check=$3
	[ -f "$third/$name/$check" ] && return 0
	add_deb_src
	say "fetching the $pkg source package into third_party/$name"
	local tmp
	tmp=$(mktemp -d)
	(cd "$tmp" && download_source "$pkg") || die "could not download the $pkg source package"
	(cd "$tmp" && unpack_source src) || die "could not unpack the $pkg source package"
	[ -f "$tmp/src/$check" ] || die "the $pkg source has no $check"
	mkdir -p "$third"
	rm -rf "${third:?}/$name"
	mv "$tmp/src" "$third/$name"
	rm -rf "$tmp"
}
fetch_source lwip lwip src/core/tcp.c
fetch_source device-tree-compiler dtc libfdt/fdt.c

say "all tools present"
