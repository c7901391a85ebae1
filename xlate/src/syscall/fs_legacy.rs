//! Legacy path calls that aarch64 lacks (link, symlink, chmod, chown, lchown, mknod, utime,
//! utimes, futimesat), routed through their *at equivalents, and the *at calls themselves
//! (same ABI), openat2 (open flags inside `struct open_how`), open_by_handle_at, statfs.

use super::abi::open_flags_to_aarch64;
use super::abi_fs::{OpenHow, Timespec, Timeval, Utimbuf};
use super::guest_struct::read;
use super::host::{nr, unified, AT_FDCWD, AT_SYMLINK_NOFOLLOW, NATIVE};
use super::raw::{syscall6, EINVAL};
use super::table::Table;
use super::SysCtx;
use libc::{
    SYS_fchmod, SYS_fchmodat, SYS_fchown, SYS_fchownat, SYS_fstatfs, SYS_linkat, SYS_mknodat,
    SYS_name_to_handle_at, SYS_open_by_handle_at, SYS_renameat2, SYS_statfs, SYS_symlinkat,
    SYS_truncate, SYS_utimensat,
};

const E2BIG: i64 = libc::E2BIG as i64;

pub fn register(t: &mut Table) {
    t.passthrough(76, "truncate", SYS_truncate);
    t.translate(86, "link", |_, a| {
        syscall6(SYS_linkat, [AT_FDCWD, a[0], AT_FDCWD, a[1], 0, 0])
    });
    t.translate(88, "symlink", |_, a| {
        syscall6(SYS_symlinkat, [a[0], AT_FDCWD, a[1], 0, 0, 0])
    });
    t.translate(90, "chmod", |_, a| {
        syscall6(SYS_fchmodat, [AT_FDCWD, a[0], a[1], 0, 0, 0])
    });
    t.passthrough(91, "fchmod", SYS_fchmod);
    t.translate(92, "chown", |_, a| {
        syscall6(SYS_fchownat, [AT_FDCWD, a[0], a[1], a[2], 0, 0])
    });
    t.passthrough(93, "fchown", SYS_fchown);
    t.translate(94, "lchown", |_, a| {
        syscall6(
            SYS_fchownat,
            [AT_FDCWD, a[0], a[1], a[2], AT_SYMLINK_NOFOLLOW, 0],
        )
    });
    t.translate(132, "utime", utime);
    t.translate(133, "mknod", |_, a| {
        syscall6(SYS_mknodat, [AT_FDCWD, a[0], a[1], a[2], 0, 0])
    });
    t.passthrough(137, "statfs", SYS_statfs);
    t.passthrough(138, "fstatfs", SYS_fstatfs);
    t.translate(235, "utimes", |_, a| utimes_at(AT_FDCWD, a[0], a[1]));
    t.passthrough(259, "mknodat", SYS_mknodat);
    t.passthrough(260, "fchownat", SYS_fchownat);
    t.translate(261, "futimesat", |_, a| utimes_at(a[0], a[1], a[2]));
    t.passthrough(265, "linkat", SYS_linkat);
    t.passthrough(266, "symlinkat", SYS_symlinkat);
    t.passthrough(268, "fchmodat", SYS_fchmodat);
    t.passthrough(280, "utimensat", SYS_utimensat);
    t.passthrough(303, "name_to_handle_at", SYS_name_to_handle_at);
    t.translate(304, "open_by_handle_at", |_, a| {
        syscall6(SYS_open_by_handle_at, [a[0], a[1], oflags(a[2]), 0, 0, 0])
    });
    t.passthrough(316, "renameat2", SYS_renameat2);
    t.translate(437, "openat2", openat2);
    t.passthrough(439, "faccessat2", unified(439));
    t.passthrough(452, "fchmodat2", nr::FCHMODAT2);
}

/// x86_64 open(2) flags as the host wants them.
pub(super) fn oflags(f: u64) -> u64 {
    if NATIVE {
        f
    } else {
        open_flags_to_aarch64(f)
    }
}

/// A `struct timeval` as a `struct timespec`, validated like the kernel's utimes does.
pub(super) fn timeval_to_timespec(tv: Timeval) -> Option<Timespec> {
    if tv.tv_usec < 0 || tv.tv_usec >= 1_000_000 {
        return None;
    }
    Some(Timespec {
        tv_sec: tv.tv_sec,
        tv_nsec: tv.tv_usec * 1000,
    })
}

fn utime(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[1] == 0 {
        return syscall6(SYS_utimensat, [AT_FDCWD, a[0], 0, 0, 0, 0]);
    }
    let b: Utimbuf = read(a[1]);
    let ts = [
        Timespec {
            tv_sec: b.actime,
            tv_nsec: 0,
        },
        Timespec {
            tv_sec: b.modtime,
            tv_nsec: 0,
        },
    ];
    syscall6(SYS_utimensat, [AT_FDCWD, a[0], ts.as_ptr() as u64, 0, 0, 0])
}

/// utimes/futimesat: `struct timeval[2]` (or NULL: now) through utimensat.
fn utimes_at(dirfd: u64, path: u64, tvp: u64) -> i64 {
    if tvp == 0 {
        return syscall6(SYS_utimensat, [dirfd, path, 0, 0, 0, 0]);
    }
    let tv: [Timeval; 2] = [read(tvp), read(tvp + 16)];
    let (Some(t0), Some(t1)) = (timeval_to_timespec(tv[0]), timeval_to_timespec(tv[1])) else {
        return -EINVAL;
    };
    let ts = [t0, t1];
    syscall6(SYS_utimensat, [dirfd, path, ts.as_ptr() as u64, 0, 0, 0])
}

/// openat2(dirfd, path, how, size): `how.flags` are open flags.
fn openat2(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let size = a[3];
    let base = core::mem::size_of::<OpenHow>() as u64;
    if a[2] == 0 || size < base {
        return -EINVAL;
    }
    // a larger (future) struct is accepted only if the extra bytes are zero, like the kernel
    for off in base..size.min(4096) {
        if crate::guestmem::read_uint(a[2] + off, 1) != 0 {
            return -E2BIG;
        }
    }
    let mut how: OpenHow = read(a[2]);
    how.flags = oflags(how.flags);
    syscall6(
        unified(437),
        [a[0], a[1], &how as *const OpenHow as u64, base, 0, 0],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeval_conversion_validates_like_the_kernel() {
        let ts = timeval_to_timespec(Timeval {
            tv_sec: 5,
            tv_usec: 999_999,
        });
        assert_eq!(
            ts,
            Some(Timespec {
                tv_sec: 5,
                tv_nsec: 999_999_000
            })
        );
        assert_eq!(
            timeval_to_timespec(Timeval {
                tv_sec: 1,
                tv_usec: 1_000_000
            }),
            None
        );
        assert_eq!(
            timeval_to_timespec(Timeval {
                tv_sec: 1,
                tv_usec: -1
            }),
            None
        );
    }
}
