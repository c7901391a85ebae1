//! Signal calls beyond the ones in signal.rs. `siginfo_t` (128 bytes), `sigset_t` (8 bytes in
//! the kernel ABI) and the signal numbers are the same on both ABIs, so sending passes through.
//! Waiting and querying consult the translator's per-thread state as well: a signal the host
//! handler recorded is pending for the guest even though the host kernel no longer holds it,
//! and rt_sigsuspend must wait with the guest's temporary mask and leave the old one to be
//! restored after the handler ([`crate::signal::deliver`]).

use super::abi_sys::Siginfo;
use super::guest_struct;
use super::host::unified;
use super::raw::syscall6;
use super::table::Table;
use super::SysCtx;
use crate::signal::{host, thread};
use libc::{SYS_rt_sigqueueinfo, SYS_rt_sigtimedwait, SYS_rt_tgsigqueueinfo, SYS_tkill};

const EINVAL: i64 = libc::EINVAL as i64;
const EINTR: i64 = libc::EINTR as i64;

pub fn register(t: &mut Table) {
    t.translate(127, "rt_sigpending", rt_sigpending);
    t.translate(128, "rt_sigtimedwait", rt_sigtimedwait);
    t.passthrough(129, "rt_sigqueueinfo", SYS_rt_sigqueueinfo);
    t.translate(130, "rt_sigsuspend", rt_sigsuspend);
    t.passthrough(200, "tkill", SYS_tkill);
    t.unsupported(
        219,
        "restart_syscall",
        "restart blocks belong to the host kernel's view of the translator; interrupted guest calls are restarted by the translator itself",
    );
    t.passthrough(297, "rt_tgsigqueueinfo", SYS_rt_tgsigqueueinfo);
    t.passthrough(424, "pidfd_send_signal", unified(424));
}

/// Pending = (held by the host kernel | recorded by the host handler) ∩ blocked.
fn rt_sigpending(_cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[1] > 8 {
        return -EINVAL;
    }
    let p = thread::with(|t| (host::host_pending() | t.pending()) & t.mask());
    crate::guestmem::write(a[0], &p.to_le_bytes()[..a[1] as usize]);
    0
}

fn rt_sigtimedwait(_cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[3] != 8 {
        return -EINVAL;
    }
    let set = u64::from_le_bytes(crate::guestmem::read::<8>(a[0]));
    let recorded = thread::with(|t| {
        let hit = t.pending() & set;
        if hit == 0 {
            return None;
        }
        let sig = hit.trailing_zeros() + 1;
        t.take(sig).map(|info| (sig, info))
    });
    if let Some((sig, info)) = recorded {
        if a[1] != 0 {
            guest_struct::write::<Siginfo>(a[1], &info);
        }
        return i64::from(sig);
    }
    syscall6(SYS_rt_sigtimedwait, a)
}

fn rt_sigsuspend(_cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[1] != 8 {
        return -EINVAL;
    }
    let new = u64::from_le_bytes(crate::guestmem::read::<8>(a[0]));
    let new = new & !thread::UNBLOCKABLE;
    thread::with(|t| {
        t.set_saved_mask(Some(t.mask()));
        // the guest mask only: the host mask changes atomically inside rt_sigsuspend
        t.set_guest_mask_only(new);
        if t.pending() & !new != 0 {
            return -EINTR;
        }
        host::suspend(new)
    })
}
