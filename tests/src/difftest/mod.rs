//! Differential instruction tests: x86_64 snippets run natively (the reference) and through the
//! translator (aarch64 build under qemu), every architectural result compared.
//!
//! - [`snippet`]: the corpus format (`tests/difftest/snippets/*.s`).
//! - [`assemble`]: GNU `as` with a cache keyed by the source hash.
//! - [`cases`]: directed and seeded random initial states.
//! - [`wire`]: the batch/result format spoken by both runners.
//! - [`host_exec`]: the native runner's engine (x86_64 only).
//! - [`run`], [`suite`]: starting runners, comparing ([`compare`]), known failures ([`known`]).

#[path = "../../../xlate/src/bin/xlate-snippet/wire.rs"]
pub mod wire;

pub mod assemble;
pub mod cases;
pub mod compare;
#[cfg(target_arch = "x86_64")]
pub mod host_exec;
pub mod known;
pub mod run;
pub mod snippet;
pub mod suite;
