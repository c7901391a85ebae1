//! Shared helpers of the end-to-end suites.

pub mod difftest;
pub mod native_bench;
pub mod native_build;
pub mod native_hmcr;
pub mod native_proc;
pub mod native_pty;
pub mod native_subject;
pub mod native_workload;
pub mod xlate_build;
pub mod xlate_programs;
