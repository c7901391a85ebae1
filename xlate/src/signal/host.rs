//! Host side of guest signals: the host handlers and the host signal mask.
//!
//! - The recording handler (for signals the guest handles) stores the signal and its siginfo in
//!   the thread's pending set and raises the context's poll flag; translated code checks the
//!   flag on backward and indirect branches and leaves there, at a block boundary, where
//!   [`super::deliver`] builds the x86_64 frame. It is installed without SA_RESTART so a
//!   blocking syscall returns -EINTR and the translator decides about restarting with the
//!   guest's flags.
//! - The fault handler (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP) looks the faulting host pc up
//!   in the fault map; inside translated code it records the fault and redirects the host
//!   context to the `exit_fault` stub with x17 = the guest instruction, so the run loop gets the
//!   guest registers as they were at the fault. Signals sent with kill/tgkill (si_code <= 0)
//!   are recorded like any other.

use super::thread::{self, bit, SYNCHRONOUS};
use crate::syscall::abi_sys::Siginfo;
use core::ffi::c_void;
use std::sync::Once;

/// What the host does with a signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    Default,
    Ignore,
    /// The recording handler.
    Record,
}

/// glibc's internal signals (SIGCANCEL, SIGSETXID): never blocked on the host.
const LIBC_INTERNAL: u64 = bit(32) | bit(33);

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn set_host_action(sig: u32, handler: usize, flags: i32) -> Result<(), i32> {
    // SAFETY: a zeroed sigaction is a valid "no flags, empty mask" value; sigfillset and
    // sigaction get pointers to locals; `handler` is SIG_DFL, SIG_IGN or one of this module's
    // extern "C" handlers with the SA_SIGINFO signature.
    unsafe {
        let mut sa: libc::sigaction = core::mem::zeroed();
        sa.sa_sigaction = handler;
        libc::sigfillset(&mut sa.sa_mask);
        sa.sa_flags = flags;
        if libc::sigaction(sig as i32, &sa, core::ptr::null_mut()) != 0 {
            return Err(errno());
        }
    }
    Ok(())
}

/// Sets the host disposition of an asynchronous signal.
pub fn set_disposition(sig: u32, d: Disposition) -> Result<(), i32> {
    match d {
        Disposition::Default => set_host_action(sig, libc::SIG_DFL, 0),
        Disposition::Ignore => set_host_action(sig, libc::SIG_IGN, 0),
        Disposition::Record => set_host_action(sig, on_signal as *const () as usize, SA_SIGINFO),
    }
}

const SA_SIGINFO: i32 = libc::SA_SIGINFO;

static FAULT_HANDLERS: Once = Once::new();

/// Installs the fault handler for the synchronous signals (once per process).
pub fn install_fault_handlers() -> Result<(), i32> {
    let mut r = Ok(());
    FAULT_HANDLERS.call_once(|| {
        for sig in [
            libc::SIGSEGV,
            libc::SIGBUS,
            libc::SIGFPE,
            libc::SIGILL,
            libc::SIGTRAP,
        ] {
            if let Err(e) = set_host_action(
                sig as u32,
                on_fault as *const () as usize,
                SA_SIGINFO | libc::SA_ONSTACK,
            ) {
                r = Err(e);
            }
        }
    });
    r
}

/// The host thread's current blocked set.
pub fn current_mask() -> u64 {
    let mut old: u64 = 0;
    // SAFETY: the kernel writes 8 bytes (sigsetsize 8) into `old`.
    unsafe {
        libc::syscall(
            libc::SYS_rt_sigprocmask,
            libc::SIG_BLOCK,
            core::ptr::null::<u64>(),
            &mut old as *mut u64,
            8usize,
        );
    }
    old
}

/// Sets the host thread's blocked set to `m` (never glibc's internal signals).
pub fn set_mask(m: u64) {
    let m = m & !LIBC_INTERNAL;
    // SAFETY: the kernel reads 8 bytes from `m`.
    unsafe {
        libc::syscall(
            libc::SYS_rt_sigprocmask,
            libc::SIG_SETMASK,
            &m as *const u64,
            core::ptr::null_mut::<u64>(),
            8usize,
        );
    }
}

/// The host thread's pending set (signals the host kernel holds because they are blocked).
pub fn host_pending() -> u64 {
    let mut p: u64 = 0;
    // SAFETY: the kernel writes 8 bytes into `p`.
    unsafe { libc::syscall(libc::SYS_rt_sigpending, &mut p as *mut u64, 8usize) };
    p
}

/// Waits in the host kernel with blocked set `m` until a handler runs (rt_sigsuspend).
pub fn suspend(m: u64) -> i64 {
    let m = m & !LIBC_INTERNAL & !SYNCHRONOUS;
    // SAFETY: the kernel reads 8 bytes from `m`.
    let r = unsafe { libc::syscall(libc::SYS_rt_sigsuspend, &m as *const u64, 8usize) };
    if r < 0 {
        -i64::from(errno())
    } else {
        r as i64
    }
}

/// Ends the process with `sig`'s default action, as the kernel does for an unhandled signal
/// (with a core dump where that signal dumps core).
pub fn die_by(sig: u32) -> ! {
    let _ = set_host_action(sig, libc::SIG_DFL, 0);
    let b = bit(sig);
    // SAFETY: the kernel reads 8 bytes from `b`; getpid/gettid/tgkill have no memory arguments.
    unsafe {
        libc::syscall(
            libc::SYS_rt_sigprocmask,
            libc::SIG_UNBLOCK,
            &b as *const u64,
            core::ptr::null_mut::<u64>(),
            8usize,
        );
        libc::syscall(
            libc::SYS_tgkill,
            libc::getpid(),
            libc::syscall(libc::SYS_gettid),
            sig as i32,
        );
    }
    // Only reached if the signal did not terminate (cannot happen for a default-fatal signal).
    std::process::exit(128 + sig as i32)
}

fn guest_info(info: *const libc::siginfo_t) -> Siginfo {
    let mut g = Siginfo::default();
    if !info.is_null() {
        // SAFETY: the kernel passes a full 128-byte siginfo; Siginfo is the same 128 bytes
        // (identical layout on x86_64 and aarch64).
        unsafe {
            core::ptr::copy_nonoverlapping(
                info.cast::<u8>(),
                (&mut g as *mut Siginfo).cast::<u8>(),
                core::mem::size_of::<Siginfo>(),
            );
        }
    }
    g
}

/// The recording handler.
extern "C" fn on_signal(sig: i32, info: *mut libc::siginfo_t, _uc: *mut c_void) {
    let g = guest_info(info);
    thread::with(|t| t.record(sig as u32, &g));
}

/// The fault handler.
extern "C" fn on_fault(sig: i32, info: *mut libc::siginfo_t, uc: *mut c_void) {
    let g = guest_info(info);
    if g.si_code <= 0 {
        // sent with kill/tgkill/sigqueue: an ordinary signal for the guest
        thread::with(|t| t.record(sig as u32, &g));
        return;
    }
    if thread::with(|t| route_fault(t, sig as u32, g, uc)) {
        return;
    }
    // A fault outside translated code: the translator itself (or an interpreter helper touching
    // guest memory) faulted. Let it take the default action when the instruction re-executes.
    let msg = b"xlate: fault outside translated code (translator bug, or a guest memory access by \
                an interpreter helper); terminating with the signal\n";
    // SAFETY: write(2) is async-signal-safe; the buffer is a static byte string.
    unsafe { libc::write(2, msg.as_ptr().cast(), msg.len()) };
    let _ = set_host_action(sig as u32, libc::SIG_DFL, 0);
}

/// x86 page-fault error code bits.
#[cfg(target_arch = "aarch64")]
const PF_PROT: u64 = 1;
#[cfg(target_arch = "aarch64")]
const PF_WRITE: u64 = 2;
#[cfg(target_arch = "aarch64")]
const PF_USER: u64 = 4;

#[cfg(target_arch = "aarch64")]
fn route_fault(t: &thread::ThreadSignals, sig: u32, info: Siginfo, uc: *mut c_void) -> bool {
    let map: *const super::faultmap::FaultMap = t.fault_map();
    if map.is_null() || uc.is_null() {
        return false;
    }
    // SAFETY: the kernel passes this thread's interrupted context; `map` was registered by the
    // run loop on this thread and is not modified while translated code runs.
    unsafe {
        let ucx = uc.cast::<libc::ucontext_t>();
        let mc = &mut (*ucx).uc_mcontext;
        let Some(m) = (*map).lookup(mc.pc) else {
            return false;
        };
        let exit = (*map).exit_fault();
        if exit == 0 {
            return false;
        }
        let (trapno, err) = match sig as i32 {
            libc::SIGSEGV | libc::SIGBUS => {
                let mut err = PF_USER;
                if info.si_code == 2 {
                    err |= PF_PROT; // SEGV_ACCERR
                }
                if data_abort_was_write(mc) {
                    err |= PF_WRITE;
                }
                (14, err)
            }
            libc::SIGFPE => (0, 0),
            libc::SIGILL => (6, 0),
            _ => (3, 0),
        };
        t.set_fault(thread::FaultRecord { info, trapno, err });
        mc.regs[17] = m.rip;
        mc.pc = exit;
        if m.c_inv {
            mc.pstate ^= 1 << 29;
        }
    }
    true
}

#[cfg(not(target_arch = "aarch64"))]
fn route_fault(_t: &thread::ThreadSignals, _sig: u32, _info: Siginfo, _uc: *mut c_void) -> bool {
    // Translated code only runs on aarch64 hosts.
    false
}

/// Whether the ESR record of an aarch64 signal frame says the data abort was a write.
#[cfg(target_arch = "aarch64")]
fn data_abort_was_write(mc: &libc::mcontext_t) -> bool {
    const ESR_MAGIC: u32 = 0x4553_5201;
    const RESERVED_SIZE: usize = 4096;
    let base = core::ptr::addr_of!(mc.pstate) as usize + 8;
    let mut off = 0usize;
    while off + 16 <= RESERVED_SIZE {
        // SAFETY: the kernel's __reserved area is RESERVED_SIZE bytes after pstate; records are
        // {u32 magic, u32 size, payload} and stay inside it (checked by the loop bound).
        let (magic, size, first) = unsafe {
            let p = (base + off) as *const u32;
            (
                p.read_unaligned(),
                p.add(1).read_unaligned() as usize,
                ((base + off + 8) as *const u64).read_unaligned(),
            )
        };
        if magic == 0 || size < 8 {
            return false;
        }
        if magic == ESR_MAGIC {
            let ec = (first >> 26) & 0x3f;
            return (ec == 0x24 || ec == 0x25) && first & (1 << 6) != 0;
        }
        off += size;
    }
    false
}
