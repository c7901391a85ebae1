//! xlate: hmcr's x86_64 → aarch64 dynamic binary translator.
//!
//! Guest memory is identity-mapped (guest address == host address): the caller maps guest code
//! and data at the guest's own addresses, fills a [`GuestState`] and calls [`Machine::run`].
//! The translator decodes guest code with iced-x86 into blocks, analyses flag liveness
//! ([`flags`]), emits aarch64 with dynasmrt using the fixed register map in [`regmap`], caches and
//! chains the blocks, and hands SYSCALL to a [`SyscallHandler`] (the default is the Linux ABI
//! layer in [`syscall`]).

pub mod cpuid;
pub mod decode;
pub mod flags;
pub mod isa_report;
pub mod process;
pub mod regmap;
pub mod signal;
pub mod state;
pub mod syscall;
pub mod threads;

mod a64;
mod addrmap;
mod cache;
mod codebuf;
mod context;
mod emit;
mod flag_lookahead;
mod guestmem;
mod helpers;
mod interp;
mod links;
mod machine;
mod translate;
mod tso;

#[cfg(test)]
mod snapshot_tests;

pub use machine::{Config, CreateMachineError, Exit, Machine, RunError, Stats};
pub use state::{GuestState, X87State, Xmm};
pub use syscall::{CodeInvalidator, LinuxSyscalls, SyscallHandler, SyscallOutcome};
