//! The x86_64 Linux syscall ABI on an aarch64 (or x86_64) host.
//!
//! [`LinuxSyscalls`] dispatches through a [`table::Table`] indexed by x86_64 syscall number; each
//! entry is a passthrough to the host number (same ABI), a translating function (structures,
//! flags or semantics differ), or an explicit "unsupported: reason" that returns -ENOSYS and is
//! logged once. One file per syscall family registers its entries.

pub mod abi;
mod file;
mod memory;
mod misc;
mod process;
pub mod raw;
mod signal;
mod stat;
pub mod table;
mod time;
// families added by the ABI layer (xlate-abi)
#[cfg(test)]
mod abi_crosscheck;
pub mod abi_fs;
pub mod abi_signal;
pub mod abi_sys;
mod admin;
mod aio;
pub mod clone;
mod creds;
mod dir;
mod epoll;
mod fdevents;
mod fileio;
mod fs_legacy;
mod futex;
pub(crate) mod guest_struct;
mod host;
pub(crate) mod ipc;
pub mod listing;
mod memory_extra;
mod poll_select;
mod proc_extra;
mod rlimit;
mod sched;
mod signal_extra;
mod socket;
#[cfg(test)]
mod table_tests;
mod time_extra;
pub mod vdso;
mod xattr;

use crate::state::{gpr as G, GuestState};
pub use table::{Entry, Table};

/// What the translator's code cache must forget when guest memory changes.
pub trait CodeInvalidator {
    /// Guest code in `[start, start + len)` may have changed or gone away.
    fn invalidate(&mut self, start: u64, len: u64);
}

/// What the run loop does after a syscall.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SyscallOutcome {
    /// Resume the guest after the SYSCALL instruction (RAX holds the result).
    Continue,
    /// The guest process exited (exit_group, or exit of its only thread) with this status.
    Exit(i32),
}

/// Handles guest SYSCALL instructions. The number is in RAX, arguments in RDI, RSI, RDX, R10,
/// R8, R9; the handler stores the result in RAX. (RCX and R11 are set by the run loop to the
/// return address and RFLAGS, as the CPU does.)
pub trait SyscallHandler {
    fn syscall(&mut self, state: &mut GuestState, code: &mut dyn CodeInvalidator)
        -> SyscallOutcome;
}

/// Per-process emulation state shared by the syscall families.
#[derive(Debug, Default)]
pub struct ProcessState {
    /// Start of the emulated program break (page aligned end of the data segment).
    pub brk_start: u64,
    /// Current program break.
    pub brk: u64,
    /// Syscall numbers already reported as unsupported.
    pub reported: std::collections::HashSet<u64>,
    /// Log unsupported syscalls to stderr (once each).
    pub log_unsupported: bool,
    /// Starts guest threads (clone with CLONE_THREAD); provided by the engine.
    pub threads: Option<std::sync::Arc<dyn clone::GuestThreadSpawner>>,
}

/// Everything a syscall implementation may touch.
pub struct SysCtx<'a> {
    pub state: &'a mut GuestState,
    pub code: &'a mut dyn CodeInvalidator,
    pub proc: &'a mut ProcessState,
    /// Set by exit/exit_group.
    pub exit: Option<i32>,
}

/// The default handler: the x86_64 Linux ABI served by host syscalls.
pub struct LinuxSyscalls {
    table: Table,
    pub proc: ProcessState,
}

impl LinuxSyscalls {
    /// `brk_start`: the initial program break of the guest (end of its data segment).
    pub fn new(brk_start: u64) -> Self {
        let mut table = Table::new();
        file::register(&mut table);
        stat::register(&mut table);
        memory::register(&mut table);
        process::register(&mut table);
        signal::register(&mut table);
        time::register(&mut table);
        misc::register(&mut table);
        fs_legacy::register(&mut table);
        fileio::register(&mut table);
        dir::register(&mut table);
        poll_select::register(&mut table);
        epoll::register(&mut table);
        fdevents::register(&mut table);
        socket::register(&mut table);
        sched::register(&mut table);
        creds::register(&mut table);
        rlimit::register(&mut table);
        time_extra::register(&mut table);
        signal_extra::register(&mut table);
        memory_extra::register(&mut table);
        ipc::register(&mut table);
        aio::register(&mut table);
        admin::register(&mut table);
        clone::register(&mut table);
        futex::register(&mut table);
        xattr::register(&mut table);
        proc_extra::register(&mut table);
        let b = (brk_start + 0xfff) & !0xfff;
        LinuxSyscalls {
            table,
            proc: ProcessState {
                brk_start: b,
                brk: b,
                log_unsupported: true,
                ..ProcessState::default()
            },
        }
    }

    /// The dispatch table (to inspect or extend).
    pub fn table_mut(&mut self) -> &mut Table {
        &mut self.table
    }
}

impl SyscallHandler for LinuxSyscalls {
    fn syscall(
        &mut self,
        state: &mut GuestState,
        code: &mut dyn CodeInvalidator,
    ) -> SyscallOutcome {
        let nr = state.gpr[G::RAX];
        let args = [
            state.gpr[G::RDI],
            state.gpr[G::RSI],
            state.gpr[G::RDX],
            state.gpr[G::R10],
            state.gpr[G::R8],
            state.gpr[G::R9],
        ];
        let mut cx = SysCtx {
            state,
            code,
            proc: &mut self.proc,
            exit: None,
        };
        let r = self.table.dispatch(nr, &mut cx, args);
        if let Some(s) = cx.exit {
            return SyscallOutcome::Exit(s);
        }
        cx.state.gpr[G::RAX] = r as u64;
        SyscallOutcome::Continue
    }
}
