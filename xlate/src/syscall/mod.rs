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
pub mod emulation_state;
mod epoll;
mod fdevents;
mod file_writes;
mod fileio;
mod fs_legacy;
mod futex;
pub(crate) mod guest_struct;
mod host;
pub mod ids;
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
pub use emulation_state::{ProcessShared, ThreadState, ThreadSync};
pub use ids::{HostTid, ImageTid, ThreadEnd};
use std::sync::Arc;
pub use table::{Entry, Table};

/// What the translator's code cache must forget when guest memory changes.
pub trait CodeInvalidator {
    /// Guest code in `[start, start + len)` may have changed or gone away.
    fn invalidate(&mut self, start: u64, len: u64);
    /// True if translated code came from a mapping of `file` (so writes to it matter).
    fn has_code_from(&self, file: FileId) -> bool;
    /// Bytes `[start, end)` of `file` changed: forget code translated from them in any mapping.
    fn file_changed(&mut self, file: FileId, start: u64, end: u64);
}

/// A file as the kernel identifies it: device (major, minor) and inode.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct FileId {
    pub major: u32,
    pub minor: u32,
    pub ino: u64,
}

impl FileId {
    /// From `st_dev` and `st_ino` of a stat result (Linux's dev_t encoding).
    pub fn from_dev_ino(dev: u64, ino: u64) -> FileId {
        FileId {
            major: (((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff)) as u32,
            minor: ((dev & 0xff) | ((dev >> 12) & !0xff)) as u32,
            ino,
        }
    }
}

/// What the run loop does after a syscall.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SyscallOutcome {
    /// Resume the guest after the SYSCALL instruction (RAX holds the result).
    Continue,
    /// The guest process exited (exit_group, or exit of its last thread) with this status.
    Exit(i32),
    /// This guest thread called exit while other threads go on (its CLONE_CHILD_CLEARTID word
    /// has been cleared and woken): the engine ends just this thread.
    ThreadExit(i32),
}

/// Handles guest SYSCALL instructions. The number is in RAX, arguments in RDI, RSI, RDX, R10,
/// R8, R9; the handler stores the result in RAX. (RCX and R11 are set by the run loop to the
/// return address and RFLAGS, as the CPU does.)
pub trait SyscallHandler {
    fn syscall(&mut self, state: &mut GuestState, code: &mut dyn CodeInvalidator)
        -> SyscallOutcome;

    /// Polled by the run loop between blocks: applies to `code` what other guest threads of the
    /// process invalidated, and says whether the process is multi-threaded. Single-threaded
    /// handlers keep the default.
    fn sync_threads(&mut self, _code: &mut dyn CodeInvalidator) -> ThreadSync {
        ThreadSync::default()
    }
}

/// Everything a syscall implementation may touch.
pub struct SysCtx<'a> {
    pub state: &'a mut GuestState,
    pub code: &'a mut dyn CodeInvalidator,
    /// Process-wide state (shared by all guest threads).
    pub proc: &'a ProcessShared,
    /// The calling guest thread's state.
    pub thread: &'a mut ThreadState,
    /// Set by exit/exit_group.
    pub exit: Option<i32>,
    /// With `exit`: only this thread ends (exit while other threads run).
    pub exit_thread_only: bool,
}

/// The default handler: the x86_64 Linux ABI served by host syscalls. One per guest thread;
/// the threads of a process share one [`ProcessShared`].
pub struct LinuxSyscalls {
    table: Table,
    pub proc: Arc<ProcessShared>,
    pub thread: ThreadState,
}

impl LinuxSyscalls {
    /// A new single-process guest run by the calling host thread, whose ids are the host's;
    /// `brk_start`: the initial program break of the guest (end of its data segment).
    pub fn new(brk_start: u64) -> Self {
        let shared = Arc::new(ProcessShared::new(
            brk_start,
            ImageTid(std::process::id() as i32),
        ));
        Self::for_thread(shared, None)
    }

    /// The handler of a guest thread of `proc`, run by the calling host thread (which it
    /// registers); `image_tid`: the thread's tid in a restored image, None for a new thread.
    pub fn for_thread(proc: Arc<ProcessShared>, image_tid: Option<ImageTid>) -> Self {
        let thread = ThreadState::register_current(&proc, image_tid);
        LinuxSyscalls {
            table: Self::table(),
            proc,
            thread,
        }
    }

    fn table() -> Table {
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
        // after file, fileio and fs_legacy: replaces their write entries
        file_writes::register(&mut table);
        // last: the id-translating entries of calls also listed by the families above
        ids::register(&mut table);
        table
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
        let mut bc = emulation_state::Broadcast {
            inner: code,
            ranges: Vec::new(),
            multi_threaded: self.proc.ids.multi_threaded(),
        };
        let mut cx = SysCtx {
            state: &mut *state,
            code: &mut bc,
            proc: &self.proc,
            thread: &mut self.thread,
            exit: None,
            exit_thread_only: false,
        };
        let r = self.table.dispatch(nr, &mut cx, args);
        let (exit, only) = (cx.exit, cx.exit_thread_only);
        // mmap, mprotect, munmap, brk, mremap, madvise, shmdt may change what is mapped
        let maps = matches!(nr, 9 | 10 | 11 | 12 | 25 | 28 | 67);
        emulation_state::publish(&self.proc, &self.thread, &bc.ranges, maps);
        if let Some(s) = exit {
            return if only {
                SyscallOutcome::ThreadExit(s)
            } else {
                SyscallOutcome::Exit(s)
            };
        }
        state.gpr[G::RAX] = r as u64;
        SyscallOutcome::Continue
    }

    fn sync_threads(&mut self, code: &mut dyn CodeInvalidator) -> ThreadSync {
        emulation_state::sync_thread(&self.proc, &mut self.thread, code)
    }
}

impl Drop for LinuxSyscalls {
    fn drop(&mut self) {
        self.thread.release(&self.proc);
    }
}
