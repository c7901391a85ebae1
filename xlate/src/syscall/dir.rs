//! Directory listing: the legacy getdents (x86_64 only) served by getdents64 and rewritten in
//! place into `linux_dirent` records.

use super::abi_fs::dirent64_to_dirent_in_place;
use super::raw::{syscall6, EFAULT, EINVAL};
use super::table::Table;
use super::SysCtx;
use libc::SYS_getdents64;

pub fn register(t: &mut Table) {
    t.translate(78, "getdents", getdents);
}

/// getdents(fd, dirp, count): getdents64 into the guest buffer, then each record converted in
/// place (the record sizes are the same, so the returned byte count is too).
fn getdents(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    if a[1] == 0 {
        return -EFAULT;
    }
    let count = a[2] & 0xffff_ffff;
    let r = syscall6(SYS_getdents64, [a[0], a[1], count, 0, 0, 0]);
    if r <= 0 {
        return r;
    }
    let Ok(n) = usize::try_from(r) else {
        return -EINVAL;
    };
    // SAFETY: the kernel just wrote `n` bytes at guest address a[1] (identity-mapped guest
    // memory, writable, since the kernel's copy to it succeeded); nothing else aliases it while
    // this syscall runs on the guest's behalf.
    let buf = unsafe { core::slice::from_raw_parts_mut(a[1] as *mut u8, n) };
    match dirent64_to_dirent_in_place(buf) {
        Ok(()) => r,
        Err(_) => -EINVAL,
    }
}
