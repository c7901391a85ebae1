//! Facts about the host kernel ABI the syscall layer runs on.
//!
//! The same table serves an aarch64 host (cross-ISA restore) and an x86_64 host (unit tests,
//! native runs): entries always route legacy calls through the modern call that both hosts have
//! (openat, newfstatat, pipe2, ppoll, epoll_pwait, ...), and convert structures only when the
//! host layout differs from the guest's ([`NATIVE`] is false).

/// True when the host kernel ABI is the guest's (x86_64 host).
pub const NATIVE: bool = cfg!(target_arch = "x86_64");

pub const AT_FDCWD: u64 = -100i64 as u64;
pub const AT_SYMLINK_NOFOLLOW: u64 = 0x100;

/// Syscall numbers from 424 on are the same on every architecture (the kernel unified them), so
/// the host number is the guest number.
pub const fn unified(nr: usize) -> i64 {
    nr as i64
}

/// Host numbers of calls the `libc` crate does not name on every host (from 451 on: identical on
/// both, because they are in the unified range).
pub mod nr {
    /// io_pgetevents (the aarch64 `libc` crate does not name it).
    pub const IO_PGETEVENTS: i64 = if cfg!(target_arch = "x86_64") {
        333
    } else {
        292
    };
    pub const CACHESTAT: i64 = 451;
    pub const FCHMODAT2: i64 = 452;
    pub const FUTEX_WAKE: i64 = 454;
    pub const FUTEX_WAIT: i64 = 455;
    pub const FUTEX_REQUEUE: i64 = 456;
    pub const STATMOUNT: i64 = 457;
    pub const LISTMOUNT: i64 = 458;
    pub const LSM_GET_SELF_ATTR: i64 = 459;
    pub const LSM_SET_SELF_ATTR: i64 = 460;
    pub const LSM_LIST_MODULES: i64 = 461;
}
