//! Signal actions, masks, the alternate stack and rt_sigreturn. The state lives in
//! [`crate::signal`]: actions process-wide, mask and alternate stack per thread; handlers
//! installed here are entered by the engine with an x86_64 frame ([`crate::signal::frame`]).

use super::abi::{KernelSigaction, StackT};
use super::guest_struct;
use super::table::Table;
use super::SysCtx;
use crate::signal::{actions, frame, host, thread};
use crate::state::gpr as G;

const EINVAL: i64 = libc::EINVAL as i64;

pub fn register(t: &mut Table) {
    t.translate(13, "rt_sigaction", rt_sigaction);
    t.translate(14, "rt_sigprocmask", rt_sigprocmask);
    t.translate(15, "rt_sigreturn", rt_sigreturn);
    t.translate(131, "sigaltstack", sigaltstack);
}

fn rt_sigaction(_cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let sig = a[0];
    if sig == 0 || sig > 64 || a[3] != 8 {
        return -EINVAL;
    }
    let sig = sig as u32;
    let old = if a[1] != 0 {
        let mut act: KernelSigaction = guest_struct::read(a[1]);
        act.mask &= !thread::UNBLOCKABLE;
        match actions::set(sig, act) {
            Ok(old) => old,
            Err(actions::SetActionError::Host { errno, .. }) => return -i64::from(errno),
            Err(_) => return -EINVAL,
        }
    } else {
        actions::get(sig)
    };
    if a[2] != 0 {
        guest_struct::write(a[2], &old);
    }
    0
}

fn rt_sigprocmask(_cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[3] != 8 {
        return -EINVAL;
    }
    thread::with(|t| {
        let old = t.mask();
        if a[1] != 0 {
            let s = u64::from_le_bytes(crate::guestmem::read::<8>(a[1]));
            let new = match a[0] {
                0 => old | s,  // SIG_BLOCK
                1 => old & !s, // SIG_UNBLOCK
                2 => s,        // SIG_SETMASK
                _ => return -EINVAL,
            };
            t.set_mask(new);
        }
        if a[2] != 0 {
            crate::guestmem::write(a[2], &old.to_le_bytes());
        }
        0
    })
}

fn rt_sigreturn(cx: &mut SysCtx<'_>, _a: [u64; 6]) -> i64 {
    match thread::with(|t| frame::sigreturn(cx.state, t)) {
        Ok(rax) => rax as i64,
        Err(e) => {
            eprintln!("xlate: {e}; the guest gets SIGSEGV");
            host::die_by(libc::SIGSEGV as u32)
        }
    }
}

fn sigaltstack(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let sp = cx.state.gpr[G::RSP];
    thread::with(|t| {
        let old = frame::report_altstack(t, sp);
        if a[0] != 0 {
            let ss: StackT = guest_struct::read(a[0]);
            if let Err(e) = frame::set_altstack(t, &ss, sp) {
                return e;
            }
        }
        if a[1] != 0 {
            guest_struct::write(a[1], &old);
        }
        0
    })
}
