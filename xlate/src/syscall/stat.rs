//! The stat family: x86_64 `struct stat` (144 bytes) from the host's (128 bytes on aarch64).

use super::abi::{Aarch64Stat, X86Stat};
use super::raw::{syscall6, EFAULT};
use super::table::Table;
use super::SysCtx;
use libc::SYS_newfstatat;

const AT_FDCWD: u64 = -100i64 as u64;
const AT_SYMLINK_NOFOLLOW: u64 = 0x100;
const AT_EMPTY_PATH: u64 = 0x1000;

pub fn register(t: &mut Table) {
    t.translate(4, "stat", |cx, a| fstatat(cx, AT_FDCWD, a[0], a[1], 0));
    t.translate(5, "fstat", |cx, a| {
        fstatat(cx, a[0], c"".as_ptr() as u64, a[1], AT_EMPTY_PATH)
    });
    t.translate(6, "lstat", |cx, a| {
        fstatat(cx, AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW)
    });
    t.translate(262, "newfstatat", |cx, a| {
        fstatat(cx, a[0], a[1], a[2], a[3])
    });
    t.passthrough(332, "statx", libc::SYS_statx);
}

/// newfstatat with the result converted to the x86_64 layout at guest address `buf`.
fn fstatat(_: &mut SysCtx<'_>, dirfd: u64, path: u64, buf: u64, flags: u64) -> i64 {
    if cfg!(target_arch = "x86_64") {
        return syscall6(SYS_newfstatat, [dirfd, path, buf, flags, 0, 0]);
    }
    if buf == 0 {
        return -EFAULT;
    }
    let mut host = Aarch64Stat::default();
    let r = syscall6(
        SYS_newfstatat,
        [
            dirfd,
            path,
            &mut host as *mut Aarch64Stat as u64,
            flags,
            0,
            0,
        ],
    );
    if r < 0 {
        return r;
    }
    let g = X86Stat::from(&host);
    // SAFETY: X86Stat is plain old data (repr(C), integers only).
    let bytes = unsafe {
        core::slice::from_raw_parts(
            &g as *const X86Stat as *const u8,
            core::mem::size_of::<X86Stat>(),
        )
    };
    crate::guestmem::write(buf, bytes);
    0
}
