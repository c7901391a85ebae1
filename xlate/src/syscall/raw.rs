//! Raw host syscalls returning `-errno` like the kernel ABI.

/// Host syscall `nr` with six arguments; returns the kernel's value (negative errno on error).
pub fn syscall6(nr: i64, a: [u64; 6]) -> i64 {
    // SAFETY: a raw syscall with guest-provided arguments: pointer arguments refer to guest
    // memory, which is identity-mapped into this process; the kernel validates them and returns
    // -EFAULT for bad ones. Calls that could break the host process (e.g. unmapping the
    // translator) are routed through translating entries, not here.
    let r = unsafe { libc::syscall(nr as libc::c_long, a[0], a[1], a[2], a[3], a[4], a[5]) };
    if r == -1 {
        -i64::from(
            std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::ENOSYS),
        )
    } else {
        r
    }
}

pub const ENOSYS: i64 = libc::ENOSYS as i64;
pub const EINVAL: i64 = libc::EINVAL as i64;
pub const EFAULT: i64 = libc::EFAULT as i64;
pub const ENOMEM: i64 = libc::ENOMEM as i64;
pub const ESRCH: i64 = libc::ESRCH as i64;
pub const EAGAIN: i64 = libc::EAGAIN as i64;
