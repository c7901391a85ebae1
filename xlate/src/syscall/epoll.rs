//! epoll: `struct epoll_event` is packed (12 bytes) on x86_64 and 16 bytes on aarch64, so
//! epoll_ctl and the wait calls convert it; epoll_create and epoll_wait (x86_64 only) go
//! through epoll_create1 and epoll_pwait.

use super::abi_fs::{Aarch64EpollEvent, X86EpollEvent};
use super::guest_struct::{read, write};
use super::host::{unified, NATIVE};
use super::raw::{syscall6, EFAULT, EINVAL};
use super::table::Table;
use super::SysCtx;
use libc::{SYS_epoll_create1, SYS_epoll_ctl, SYS_epoll_pwait};

const EPOLL_CTL_DEL: u64 = 2;
/// The kernel's EP_MAX_EVENTS for the host layout (INT_MAX / sizeof(struct epoll_event)).
const MAX_EVENTS: u64 = (i32::MAX as u64) / 16;

pub fn register(t: &mut Table) {
    t.translate(213, "epoll_create", |_, a| {
        if a[0] as i32 <= 0 {
            return -EINVAL;
        }
        syscall6(SYS_epoll_create1, [0; 6])
    });
    t.unsupported(
        214,
        "epoll_ctl_old",
        "never implemented by the x86_64 kernel either (ENOSYS there too)",
    );
    t.unsupported(
        215,
        "epoll_wait_old",
        "never implemented by the x86_64 kernel either (ENOSYS there too)",
    );
    t.translate(232, "epoll_wait", |_, a| {
        wait(SYS_epoll_pwait, [a[0], a[1], a[2], a[3], 0, 8])
    });
    t.translate(233, "epoll_ctl", epoll_ctl);
    t.translate(281, "epoll_pwait", |_, a| wait(SYS_epoll_pwait, a));
    t.passthrough(291, "epoll_create1", SYS_epoll_create1);
    t.translate(441, "epoll_pwait2", |_, a| wait(unified(441), a));
}

fn epoll_ctl(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if NATIVE || a[3] == 0 || a[1] == EPOLL_CTL_DEL {
        return syscall6(SYS_epoll_ctl, [a[0], a[1], a[2], a[3], 0, 0]);
    }
    let ev = Aarch64EpollEvent::from(read::<X86EpollEvent>(a[3]));
    syscall6(
        SYS_epoll_ctl,
        [
            a[0],
            a[1],
            a[2],
            &ev as *const Aarch64EpollEvent as u64,
            0,
            0,
        ],
    )
}

/// epoll_pwait / epoll_pwait2 `(epfd, events, maxevents, timeout, sigmask, sigsetsize)` with the
/// events received in the host layout and written to the guest in the packed x86_64 layout.
fn wait(host_nr: i64, a: [u64; 6]) -> i64 {
    if NATIVE {
        return syscall6(host_nr, a);
    }
    let max = a[2] as i32;
    if max <= 0 || max as u64 > MAX_EVENTS {
        return -EINVAL;
    }
    if a[1] == 0 {
        return -EFAULT;
    }
    let mut host = vec![Aarch64EpollEvent::default(); max as usize];
    let r = syscall6(
        host_nr,
        [a[0], host.as_mut_ptr() as u64, a[2], a[3], a[4], a[5]],
    );
    if r > 0 {
        for (i, e) in host.iter().take(r as usize).enumerate() {
            write(a[1] + 12 * i as u64, &X86EpollEvent::from(*e));
        }
    }
    r
}
