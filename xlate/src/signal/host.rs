//! Host side of guest signals: the host handlers and the host signal mask.
//!
//! - The recording handler (for signals the guest handles) stores the signal and its siginfo in
//!   the thread's pending set, raises the context's `signal_pending` flag and, when it
//!   interrupted translated code, makes that code come back to the run loop at its next block
//!   boundary ([`super::breakout`]), where [`super::deliver`] builds the x86_64 frame. It is
//!   installed without SA_RESTART so a blocking syscall returns -EINTR and the translator
//!   decides about restarting with the guest's flags.
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

#[cfg(target_arch = "aarch64")]
fn set_host_action(sig: u32, handler: usize, flags: i32) -> Result<(), i32> {
    // The raw call: glibc's sigaction refuses its internal signals (32, 33), which a guest's
    // own glibc uses for its threads and so must reach the guest. aarch64's kernel sigaction
    // is {handler, flags, restorer, mask}; without SA_RESTORER the kernel returns through the
    // vDSO trampoline.
    let act = crate::syscall::abi::KernelSigaction {
        handler: handler as u64,
        flags: flags as u32 as u64,
        restorer: 0,
        mask: !0,
    };
    // SAFETY: the kernel reads one sigaction from `act` (sigsetsize 8); `handler` is SIG_DFL,
    // SIG_IGN or one of this module's extern "C" handlers with the SA_SIGINFO signature.
    let r = unsafe {
        libc::syscall(
            libc::SYS_rt_sigaction,
            sig as i32,
            &act as *const crate::syscall::abi::KernelSigaction,
            core::ptr::null_mut::<crate::syscall::abi::KernelSigaction>(),
            8usize,
        )
    };
    if r != 0 {
        return Err(errno());
    }
    Ok(())
}

/// Elsewhere (x86_64 hosts run no translated code) glibc's wrapper supplies the SA_RESTORER
/// trampoline that host requires.
#[cfg(not(target_arch = "aarch64"))]
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

/// The recording handler. It also leaves `sig` blocked on the host when it returns (through
/// the interrupted context's mask): further instances stay queued in the host kernel, in
/// order, until the guest has received this one (exact for real-time signals, coalescing for
/// the others, like the x86 kernel).
extern "C" fn on_signal(sig: i32, info: *mut libc::siginfo_t, uc: *mut c_void) {
    let g = guest_info(info);
    thread::with(|t| {
        t.record(sig as u32, &g);
        break_out(t, uc);
    });
    if !uc.is_null() && (1..=64).contains(&sig) {
        // SAFETY: the kernel passes this thread's interrupted ucontext; the first 8 bytes of
        // uc_sigmask are the kernel's mask word, restored when the handler returns.
        unsafe {
            let m =
                core::ptr::addr_of_mut!((*uc.cast::<libc::ucontext_t>()).uc_sigmask).cast::<u64>();
            m.write_unaligned(m.read_unaligned() | bit(sig as u32));
        }
    }
}

/// Makes the interrupted thread's translated code return to the run loop at its next block
/// boundary (see [`super::breakout`]).
#[cfg(target_arch = "aarch64")]
fn break_out(t: &thread::ThreadSignals, uc: *mut c_void) {
    use super::breakout::Action;
    let b = t.breakout();
    let ctx = t.ctx();
    if b.is_null() || ctx.is_null() || uc.is_null() {
        return;
    }
    // SAFETY: the kernel passes this thread's interrupted context; `b` and `ctx` were registered
    // by the run loop on this thread and stay valid while it runs. The links are changed only by
    // the run loop outside translated code, and `action` answers `Unlink` only while the thread
    // is inside translated code or a helper it called (the run loop is then suspended in its
    // call into that code), so nothing changes them or the code words meanwhile; code buffers
    // are per thread, so no other thread runs these words.
    unsafe {
        let mc = &mut (*uc.cast::<libc::ucontext_t>()).uc_mcontext;
        let b = &*b;
        let in_helper = core::ptr::read_volatile(core::ptr::addr_of!((*ctx).helper_sp)) != 0;
        match b.action(mc.pc, in_helper) {
            Action::Nothing => {}
            Action::Bail(pc) => mc.pc = pc,
            Action::Unlink { x26 } => {
                let empty = b.empty_table();
                core::ptr::write_volatile(core::ptr::addr_of_mut!((*ctx).lookup_table), empty);
                if x26 {
                    mc.regs[usize::from(crate::regmap::LOOKUP)] = empty;
                }
                b.links.unlink_all();
                core::ptr::write_volatile(core::ptr::addr_of_mut!((*ctx).unlinked), 1);
            }
        }
    }
}

#[cfg(not(target_arch = "aarch64"))]
fn break_out(_t: &thread::ThreadSignals, _uc: *mut c_void) {}

/// The fault handler.
extern "C" fn on_fault(sig: i32, info: *mut libc::siginfo_t, uc: *mut c_void) {
    let g = guest_info(info);
    if g.si_code <= 0 {
        // sent with kill/tgkill/sigqueue: an ordinary signal for the guest
        thread::with(|t| {
            t.record(sig as u32, &g);
            break_out(t, uc);
        });
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
    let ctx = t.ctx();
    if map.is_null() || ctx.is_null() || uc.is_null() {
        return false;
    }
    // SAFETY: the kernel passes this thread's interrupted context; `map` and `ctx` were
    // registered by the run loop on this thread, and the map is not modified while translated
    // code (or a helper it called) runs.
    unsafe {
        let ucx = uc.cast::<libc::ucontext_t>();
        let mc = &mut (*ucx).uc_mcontext;
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
        if let Some(m) = (*map).lookup(mc.pc) {
            // in a block: the guest registers are live in their host registers
            t.set_fault(thread::FaultRecord { info, trapno, err });
            mc.regs[17] = m.rip;
            mc.pc = (*map).exit_fault();
            if m.c_inv {
                mc.pstate ^= 1 << 29;
            }
            return true;
        }
        if (*ctx).helper_sp != 0 {
            // in a helper called by a block (the interpreter touching guest memory): the guest
            // state was spilled into the context before the call; abandon the helper's frames
            let Some(m) = (*map).lookup((*ctx).helper_ret.wrapping_sub(4)) else {
                return false;
            };
            t.set_fault(thread::FaultRecord { info, trapno, err });
            (*ctx).guest.rip = m.rip;
            // Rust code may have reused the callee-saved context register
            mc.regs[usize::from(crate::regmap::CTX)] = ctx as u64;
            mc.pc = (*map).exit_helper_fault();
            return true;
        }
    }
    false
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
