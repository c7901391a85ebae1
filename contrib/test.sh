#!/usr/bin/env bash
# The one command that runs every test of hmcr (README: "Run all the tests"); .ci/run runs it.
#   1. installs what the tests need (contrib/setup.sh, idempotent; needs root the first time)
#   2. checks formatting and lints (cargo fmt --check, cargo clippy -D warnings)
#   3. builds hmcr for x86_64 and the static aarch64 hmcr + translator runners
#   4. runs the whole test suite: unit tests, image-format property tests, check, the native
#      checkpoint/restore conformance and end-to-end suites, and the differential translator
#      suites (the aarch64 side under qemu-aarch64-static)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

bash contrib/setup.sh

echo "== format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== build (x86_64)"
cargo build --workspace --locked

echo "== build (aarch64, static)"
bash contrib/build-aarch64.sh

export HMCR_AARCH64_BIN_DIR="$PWD/target-aarch64/aarch64-unknown-linux-gnu/release"

# The randomised differential test draws a fresh seed per run when run directly
# (`cargo test -p hmcr-tests --test xlate_diff`: exploration). This command is a gate, so it pins a
# seed whose cases were verified: a failure here is then reproducible, never a lucky draw.
# Override with HMCR_DIFF_SEED=<seed> to gate on another.
export HMCR_DIFF_SEED="${HMCR_DIFF_SEED:-0x18ea10fb90c65ef2}"

echo "== tests"
# Native checkpoint/restore tests start and freeze real processes: one test binary at a time
# keeps their timing sane on small machines; each binary still runs its tests in parallel.
cargo test --workspace --locked --no-fail-fast -- --test-threads="${HMCR_TEST_THREADS:-2}"

echo "== all tests passed in $(( $(date +%s) - start )) s"
