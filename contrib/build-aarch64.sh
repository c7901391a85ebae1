#!/usr/bin/env bash
# Builds the statically linked aarch64 hmcr (and the translator's test runners) with Debian's
# rustc, which ships the aarch64 standard library. Output: target-aarch64/aarch64-unknown-linux-gnu/release/.
# Static because qemu-user 7.2 hangs dynamically linked aarch64 programs that start a thread.
# On a real aarch64 host a plain `cargo build --release` does the same job.
set -euo pipefail
cd "$(dirname "$0")/.."

export RUSTC=/usr/bin/rustc
export CARGO_TARGET_DIR="${HMCR_AARCH64_TARGET_DIR:-$PWD/target-aarch64}"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
# Linked high so that hmcr's own code and heap stay clear of where x86_64 guests live
# (0x400000 executables, 0x55.. PIE, 0x7f.. mmap and stack): the translator maps guest memory at
# the guest's own addresses.
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C target-feature=+crt-static -C link-arg=-Wl,-Ttext-segment=0x600000000000"

for tool in "$RUSTC" aarch64-linux-gnu-gcc; do
    command -v "$tool" >/dev/null || { echo "build-aarch64: $tool missing: run contrib/setup.sh as root" >&2; exit 1; }
done

# Every binary of the crates that run on the aarch64 side.
cargo build --release --locked --target aarch64-unknown-linux-gnu -p hmcr -p xlate --bins "$@"
echo "build-aarch64: binaries in $CARGO_TARGET_DIR/aarch64-unknown-linux-gnu/release/"
