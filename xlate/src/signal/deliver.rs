//! Delivery at a safe point: the run loop calls in here at a block boundary (a branch's poll
//! saw the flag), after a syscall, and when translated code raised a CPU exception.
//! Mirrors the x86_64 kernel's `get_signal`/`handle_signal`: pick the lowest deliverable
//! signal, apply SIG_IGN / SIG_DFL, or build the frame, block `sa_mask` (and the signal unless
//! SA_NODEFER), honour SA_RESETHAND, and decide about an interrupted syscall (SA_RESTART).

use super::actions::{self, SA_NODEFER, SA_RESETHAND, SA_RESTART, SIG_DFL, SIG_IGN};
use super::frame::{self, FrameExtras};
use super::host;
use super::thread::{self, bit, ThreadSignals};
use crate::context::Context;
use crate::state::{gpr as G, GuestState};
use crate::syscall::abi_sys::Siginfo;

const EINTR: i64 = libc::EINTR as i64;
/// Length of the SYSCALL instruction (restart = back up over it).
const SYSCALL_LEN: u64 = 2;

/// x86_64 syscalls the kernel never restarts after a handler ran (they return -ERESTARTNOHAND
/// or -ERESTART_RESTARTBLOCK, which become -EINTR whatever SA_RESTART says): pause, poll,
/// select, pselect6, ppoll, epoll_wait/epoll_pwait/epoll_pwait2, nanosleep, clock_nanosleep,
/// rt_sigsuspend, rt_sigtimedwait, io_getevents/io_pgetevents, semop/semtimedop, msgrcv/msgsnd.
const NEVER_RESTARTED: [u64; 19] = [
    7, 23, 34, 35, 65, 68, 69, 70, 128, 130, 208, 220, 230, 232, 270, 271, 281, 333, 441,
];

/// si_code values.
pub const SI_KERNEL: i32 = 0x80;
pub const FPE_INTDIV: i32 = 1;
pub const ILL_ILLOPN: i32 = 2;
pub const SEGV_MAPERR: i32 = 1;

/// Whether this thread has a recorded signal the guest has not blocked.
pub fn has_deliverable() -> bool {
    thread::with(|t| t.deliverable() != 0)
}

/// Notes a guest syscall that the host interrupted (-EINTR because a recording handler ran),
/// so the delivery that follows can restart it; `nr` is the x86_64 number.
pub fn after_syscall(g: &GuestState, nr: u64) {
    thread::with(|t| {
        if g.gpr[G::RAX] as i64 == -EINTR && nr != 15 && t.pending() != 0 {
            t.set_interrupted(Some(nr));
        }
        if t.deliverable() == 0 {
            // a rt_sigsuspend that ended without a deliverable signal: back to the old mask
            if let Some(m) = t.saved_mask() {
                t.set_saved_mask(None);
                t.set_mask(m);
            }
            t.set_interrupted(None);
        }
    });
}

/// Delivers every deliverable recorded signal (each handler frame nests on the previous one,
/// so the last delivered runs first, like the kernel's loop on return to user mode).
pub fn deliver_pending(ctx: &mut Context) {
    ctx.materialize_flags();
    thread::with(|t| loop {
        let d = t.deliverable();
        if d == 0 {
            break;
        }
        let sig = d.trailing_zeros() + 1;
        let Some(info) = t.take(sig) else {
            continue;
        };
        deliver_one(&mut ctx.guest, t, sig, &info, FrameExtras::default(), false);
    });
    thread::with(|t| {
        t.set_interrupted(None);
        if let Some(m) = t.saved_mask() {
            t.set_saved_mask(None);
            t.set_mask(m);
        }
    });
    ctx.split_flags();
}

/// Delivers a synchronous signal raised by the guest instruction at `ctx.guest.rip` (CPU
/// exception). `addr` is si_addr, `code` si_code.
pub fn deliver_sync(ctx: &mut Context, sig: u32, code: i32, addr: u64, x: FrameExtras) {
    let mut info = Siginfo {
        si_signo: sig as i32,
        si_code: code,
        ..Siginfo::default()
    };
    info.fields[0] = addr;
    deliver_sync_info(ctx, sig, &info, x);
}

/// Delivers the fault the fault handler routed out of translated code (exit_fault).
pub fn deliver_fault(ctx: &mut Context) {
    let Some(f) = thread::with(|t| t.take_fault()) else {
        return;
    };
    let sig = f.info.si_signo as u32;
    let x = FrameExtras {
        trapno: f.trapno,
        err: f.err,
        cr2: if f.trapno == 14 { f.info.fields[0] } else { 0 },
        mask: 0,
    };
    deliver_sync_info(ctx, sig, &f.info, x);
}

fn deliver_sync_info(ctx: &mut Context, sig: u32, info: &Siginfo, x: FrameExtras) {
    ctx.materialize_flags();
    thread::with(|t| deliver_one(&mut ctx.guest, t, sig, info, x, true));
    ctx.split_flags();
}

fn deliver_one(
    g: &mut GuestState,
    t: &ThreadSignals,
    sig: u32,
    info: &Siginfo,
    mut x: FrameExtras,
    sync: bool,
) {
    let act = actions::get(sig);
    let runs_handler = act.handler != SIG_DFL && act.handler != SIG_IGN;
    if let Some(nr) = t.interrupted() {
        t.set_interrupted(None);
        if !runs_handler || (act.flags & SA_RESTART != 0 && !NEVER_RESTARTED.contains(&nr)) {
            g.rip -= SYSCALL_LEN;
            g.gpr[G::RAX] = nr;
        }
    }
    if sync && (t.mask() & bit(sig) != 0 || act.handler == SIG_IGN) {
        // the kernel's force_sig: a blocked or ignored CPU exception kills the process
        host::die_by(sig);
    }
    match act.handler {
        SIG_IGN => {}
        SIG_DFL => {
            if actions::default_ignores(sig) {
                return;
            }
            if actions::default_stops(sig) {
                // stop like the kernel would; execution continues after SIGCONT
                // SAFETY: raising SIGSTOP on this process has no memory effects.
                unsafe { libc::raise(libc::SIGSTOP) };
                return;
            }
            host::die_by(sig);
        }
        _ => {
            x.mask = t.saved_mask().unwrap_or_else(|| t.mask());
            t.set_saved_mask(None);
            if let Err(e) = frame::setup(g, t, sig, info, &act, &x) {
                eprintln!("xlate: delivering signal {sig}: {e}; the guest gets SIGSEGV");
                host::die_by(libc::SIGSEGV as u32);
            }
            let mut m = t.mask() | act.mask;
            if act.flags & SA_NODEFER == 0 {
                m |= bit(sig);
            }
            t.set_mask(m);
            if act.flags & SA_RESETHAND != 0 {
                actions::reset(sig);
            }
        }
    }
}
