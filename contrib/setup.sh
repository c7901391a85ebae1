#!/usr/bin/env bash
# Installs what hmcr's build and tests need on Debian 12, idempotently (run as root).
#   - gcc and binutils: C subject programs, x86_64 snippet assembly
#   - the aarch64 side: Debian's rustc 1.96 with the aarch64 std (rustc-web,
#     libstd-rust-web-dev:arm64), the cross gcc/libc used as linker, qemu-user-static to run
#     the static aarch64 hmcr here, and the dynamic qemu-user for the insncount bench plugin.
# Prints one line when nothing is missing.
set -euo pipefail

packages=(gcc binutils make python3 gzip util-linux
          rustc-web libstd-rust-web-dev:arm64 gcc-aarch64-linux-gnu libc6-dev-arm64-cross
          binutils-aarch64-linux-gnu qemu-user-static qemu-user)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all build and test dependencies are installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing packages: ${missing[*]}" >&2
    echo "setup: run this script as root (sudo $0) to install them" >&2
    exit 1
fi

echo "setup: installing ${missing[*]}"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"

# qemu-user-static registers binfmt handlers when systemd-binfmt runs; hmcr never relies on
# them (it always starts qemu-aarch64-static explicitly), so nothing else is needed here.
for tool in /usr/bin/rustc aarch64-linux-gnu-gcc qemu-aarch64-static; do
    command -v "$tool" >/dev/null || { echo "setup: $tool still missing after install" >&2; exit 1; }
done
if ! /usr/bin/rustc --print target-libdir --target aarch64-unknown-linux-gnu >/dev/null 2>&1 \
   || [ ! -d "$(/usr/bin/rustc --print target-libdir --target aarch64-unknown-linux-gnu)" ]; then
    echo "setup: /usr/bin/rustc has no aarch64 standard library (libstd-rust-web-dev:arm64)" >&2
    exit 1
fi
echo "setup: done"
