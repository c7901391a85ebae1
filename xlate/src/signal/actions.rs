//! The guest's signal actions: one table for the whole process (like the kernel's), in x86_64
//! `struct sigaction` layout, and the host disposition that goes with each entry.
//!
//! A guest handler gets the recording host handler (see [`super::host`]); SIG_DFL and SIG_IGN
//! are passed to the host as they are, so default actions stay the kernel's (SIGTERM kills,
//! SIGCHLD is ignored, SIGTSTP stops). The synchronous signals (SIGSEGV, SIGBUS, SIGFPE,
//! SIGILL, SIGTRAP) always keep the host fault handler: faults in translated code must reach
//! the translator whatever the guest chose; their default action is then carried out by
//! [`super::deliver`].

use super::host;
use super::thread::{bit, NSIG, SYNCHRONOUS};
use crate::syscall::abi::KernelSigaction;
use std::sync::Mutex;

pub const SIG_DFL: u64 = 0;
pub const SIG_IGN: u64 = 1;

pub const SA_SIGINFO: u64 = 0x4;
pub const SA_ONSTACK: u64 = 0x0800_0000;
pub const SA_RESTART: u64 = 0x1000_0000;
pub const SA_NODEFER: u64 = 0x4000_0000;
pub const SA_RESETHAND: u64 = 0x8000_0000;
pub const SA_RESTORER: u64 = 0x0400_0000;

const EMPTY: KernelSigaction = KernelSigaction {
    handler: 0,
    flags: 0,
    restorer: 0,
    mask: 0,
};

static ACTIONS: Mutex<[KernelSigaction; NSIG + 1]> = Mutex::new([EMPTY; NSIG + 1]);

fn table() -> std::sync::MutexGuard<'static, [KernelSigaction; NSIG + 1]> {
    // A panic while holding the lock leaves plain data behind: keep using it.
    ACTIONS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Why a guest sigaction could not be installed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SetActionError {
    #[error("signal {sig} is outside 1..=64; pass a valid signal number")]
    BadSignal { sig: u32 },
    #[error("the action of signal {sig} (SIGKILL/SIGSTOP) cannot be changed")]
    Unchangeable { sig: u32 },
    #[error("installing the host disposition for signal {sig} failed: errno {errno}")]
    Host { sig: u32, errno: i32 },
}

/// The guest's action for `sig` (1..=64).
pub fn get(sig: u32) -> KernelSigaction {
    table().get(sig as usize).copied().unwrap_or(EMPTY)
}

/// Sets the guest's action for `sig` and the matching host disposition; returns the old one.
pub fn set(sig: u32, act: KernelSigaction) -> Result<KernelSigaction, SetActionError> {
    if !(1..=NSIG as u32).contains(&sig) {
        return Err(SetActionError::BadSignal { sig });
    }
    if sig == libc::SIGKILL as u32 || sig == libc::SIGSTOP as u32 {
        return Err(SetActionError::Unchangeable { sig });
    }
    let mut t = table();
    let old = t[sig as usize];
    install_host(sig, act.handler).map_err(|errno| SetActionError::Host { sig, errno })?;
    t[sig as usize] = act;
    Ok(old)
}

/// Resets `sig` to SIG_DFL (SA_RESETHAND, or a fatal synchronous signal).
pub fn reset(sig: u32) {
    let _ = set(sig, EMPTY);
}

/// The host disposition for a guest handler value.
fn install_host(sig: u32, handler: u64) -> Result<(), i32> {
    if bit(sig) & SYNCHRONOUS != 0 {
        return host::install_fault_handlers();
    }
    match handler {
        SIG_DFL => host::set_disposition(sig, host::Disposition::Default),
        SIG_IGN => host::set_disposition(sig, host::Disposition::Ignore),
        _ => host::set_disposition(sig, host::Disposition::Record),
    }
}

/// Signals whose default action is to do nothing.
pub fn default_ignores(sig: u32) -> bool {
    matches!(
        sig as i32,
        libc::SIGCHLD | libc::SIGURG | libc::SIGWINCH | libc::SIGCONT
    )
}

/// Signals whose default action stops the process.
pub fn default_stops(sig: u32) -> bool {
    matches!(
        sig as i32,
        libc::SIGSTOP | libc::SIGTSTP | libc::SIGTTIN | libc::SIGTTOU
    )
}
