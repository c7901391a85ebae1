//! Guest signals with x86_64 semantics on the host.
//!
//! - [`actions`]: the process-wide table of guest sigactions and the host disposition of each
//!   (guest handler → the recording host handler; SIG_DFL/SIG_IGN passed through).
//! - [`thread`]: per-thread state — the emulated guest mask (the host thread blocks the same
//!   signals, so the host kernel picks the same thread the x86 kernel would), the alternate
//!   stack, the pending set filled by the host handler.
//! - [`host`]: the host handlers. The recording handler stores signal + siginfo and raises
//!   `Context::signal_pending`; when it interrupted translated code it also makes that code
//!   come back to the run loop at its next block boundary ([`breakout`]: every chained branch
//!   is unlinked and every indirect-branch probe misses until the run loop has control again),
//!   so translated code polls nothing. Before that scheme, a `cbnz x18` poll on every backward
//!   and indirect branch cost about 0.15 of the `hmcr-bench-xlate` instruction-ratio geomean.
//!   The fault handler maps a fault inside translated code to the guest instruction through
//!   [`faultmap`] and routes it to the run loop.
//! - [`deliver`]: delivery at that safe point, SA_RESTART for interrupted syscalls;
//!   [`frame`]: the x86_64 rt_sigframe on the guest stack and rt_sigreturn.
//!
//! Restore (cross-ISA) uses [`set_action`], [`set_thread_mask`] and [`set_thread_altstack`] to
//! put back what the image recorded.

pub mod actions;
pub(crate) mod breakout;
pub(crate) mod deliver;
pub(crate) mod faultmap;
pub mod frame;
pub(crate) mod host;
pub(crate) mod thread;

pub use actions::SetActionError;

use crate::syscall::abi::{KernelSigaction, StackT};

/// Sets the guest action of `sig` (x86_64 layout) and its host disposition; returns the old.
pub fn set_action(sig: u32, act: KernelSigaction) -> Result<KernelSigaction, SetActionError> {
    actions::set(sig, act)
}

/// The guest action of `sig`.
pub fn action(sig: u32) -> KernelSigaction {
    actions::get(sig)
}

/// Sets the calling thread's guest signal mask (and the host's accordingly).
pub fn set_thread_mask(mask: u64) {
    thread::with(|t| t.set_mask(mask));
}

/// The calling thread's guest signal mask.
pub fn thread_mask() -> u64 {
    thread::with(|t| t.mask())
}

/// Sets the calling thread's guest alternate signal stack as the image recorded it.
pub fn set_thread_altstack(ss: StackT) {
    thread::with(|t| t.set_altstack(ss));
}
