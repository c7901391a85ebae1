//! Restore of a process tree from an image directory (`hmcr restore -D DIR`).
//!
//! [`hotpatch`] plans and applies the rebinding of hardware-bound code for a target CPU; it is
//! portable. The native restorer below needs an x86_64 host and is compiled only there.
//!
//! The restorer is driven by ptrace from the `hmcr restore` process (the *tracer*), in named
//! stages (see [`Stage`]):
//!
//! 1. **Load** the image files (`native::images`) and **plan** the restore (`native::plan`): every check that
//!    can fail without touching the system runs here (mapped files unchanged, fd kinds supported,
//!    pids free).
//! 2. **Shared resources** (`native::shared_fds`): pipes (refilled with their buffered data), shared
//!    memory objects, deleted files recreated from their ghost copy, the pages files and mapped
//!    files are opened once by the tracer, above every fd number the images use, so that every
//!    process created below inherits them.
//! 3. **Fork the tree** (`native::fork_tree`, `native::process_setup`): processes are created parents first
//!    with `clone3(set_tid)`; each new process (still a copy of hmcr) recreates its session and
//!    group, forks its own children and zombies, places its fds, sets cwd/root/umask/rlimits/
//!    personality/sigactions/itimers, maps a small scratch page holding `syscall`, reports over a
//!    control pipe and waits.
//! 4. **Address space** (`native::memory`, `native::pages`): the tracer seizes each process and, with remote
//!    syscalls run from the scratch page, unmaps hmcr, moves the vDSO/vvar to where the image had
//!    them, maps every VMA at its address, fills pages from the pages file (private anonymous
//!    memory with `UFFDIO_COPY` from worker threads on every CPU, which check the CRC-32 of each
//!    run on the way; the rest with a remote `preadv`), restores protections and the mm layout.
//! 5. **Threads** (`native::threads`, `native::creds`): extra threads are created with a remote `clone3`;
//!    every thread gets its robust list, alternate stack, clear-tid address, rseq, name, pending
//!    signals, credentials, then its registers, xsave area and signal mask.
//! 6. **Resume**: every page checksum was good (stage 4 stops the restore otherwise); the scratch
//!    page goes and every thread of every process is released together. `hmcr restore` then
//!    waits for the root.
//!
//! Anything that fails kills every process created so far (`native::cleanup`); images are only read.

pub mod hotpatch;
mod itimer_start;
#[cfg(target_arch = "x86_64")]
mod native;
pub mod translated;

#[cfg(target_arch = "x86_64")]
pub use native::*;
