//! Shared helpers of the end-to-end suites.

pub mod difftest;
pub mod xlate_build;
