//! poll and select (x86_64 only) through ppoll and pselect6, which both hosts have;
//! `struct pollfd`, `fd_set` and the timespec-based calls are the same on both ABIs.

use super::abi_fs::{Timespec, Timeval};
use super::guest_struct::{read, write};
use super::raw::{syscall6, EINVAL};
use super::table::Table;
use super::SysCtx;
use libc::{SYS_ppoll, SYS_pselect6};

pub fn register(t: &mut Table) {
    t.translate(7, "poll", poll);
    t.translate(23, "select", select);
    t.passthrough(270, "pselect6", SYS_pselect6);
    t.passthrough(271, "ppoll", SYS_ppoll);
}

/// poll's millisecond timeout as ppoll's timespec (None: wait forever, for any negative value).
pub(super) fn poll_timeout(ms: i32) -> Option<Timespec> {
    (ms >= 0).then(|| Timespec {
        tv_sec: i64::from(ms / 1000),
        tv_nsec: i64::from(ms % 1000) * 1_000_000,
    })
}

fn poll(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let ts = poll_timeout(a[2] as i32);
    let tsp = ts.as_ref().map_or(0, |t| t as *const Timespec as u64);
    syscall6(SYS_ppoll, [a[0], a[1], tsp, 0, 8, 0])
}

/// select's timeval as pselect6's timespec, normalised like the kernel (usec >= 1e6 carries into
/// seconds; a negative value is EINVAL).
pub(super) fn select_timeout(tv: Timeval) -> Option<Timespec> {
    if tv.tv_sec < 0 || tv.tv_usec < 0 {
        return None;
    }
    Some(Timespec {
        tv_sec: tv.tv_sec.saturating_add(tv.tv_usec / 1_000_000),
        tv_nsec: (tv.tv_usec % 1_000_000) * 1000,
    })
}

/// select(nfds, readfds, writefds, exceptfds, timeout): Linux writes the time not slept back
/// into `timeout`, so the remaining timespec is converted back to a timeval.
fn select(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[4] == 0 {
        return syscall6(SYS_pselect6, [a[0], a[1], a[2], a[3], 0, 0]);
    }
    let Some(mut ts) = select_timeout(read::<Timeval>(a[4])) else {
        return -EINVAL;
    };
    let r = syscall6(
        SYS_pselect6,
        [a[0], a[1], a[2], a[3], &mut ts as *mut Timespec as u64, 0],
    );
    let left = Timeval {
        tv_sec: ts.tv_sec,
        tv_usec: ts.tv_nsec / 1000,
    };
    write(a[4], &left);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_convert() {
        assert_eq!(poll_timeout(-1), None);
        assert_eq!(
            poll_timeout(2500),
            Some(Timespec {
                tv_sec: 2,
                tv_nsec: 500_000_000
            })
        );
        assert_eq!(poll_timeout(0), Some(Timespec::default()));
        assert_eq!(
            select_timeout(Timeval {
                tv_sec: 1,
                tv_usec: 2_500_000
            }),
            Some(Timespec {
                tv_sec: 3,
                tv_nsec: 500_000_000
            })
        );
        assert_eq!(
            select_timeout(Timeval {
                tv_sec: -1,
                tv_usec: 0
            }),
            None
        );
    }
}
