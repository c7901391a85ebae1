//! linux-sys: small, documented wrappers over the Linux interfaces that hmcr's dump and restore
//! share (ptrace, process_vm_readv, syscalls a tracer issues about another pid, remote syscalls).
//!
//! Every `unsafe` block of the project that talks to the kernel for dump/restore lives here, each
//! inside a small safe function. Errors are `std::io::Error` carrying the errno; callers wrap them
//! into their own typed, step-named errors.

pub mod clone3;
pub mod cpu;
pub mod host_probe;
pub mod pid;
pub mod pipe_peek;
pub mod process_vm;
pub mod ptrace;
#[cfg(target_arch = "x86_64")]
pub mod remote_syscall;
pub mod self_setup;
pub mod signal_block;
pub mod tracer_syscalls;
pub mod userfault;
