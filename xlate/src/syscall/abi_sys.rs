//! Guest structures that are the same on x86_64 and aarch64, declared once with their sizes
//! asserted, so that a passthrough entry's claim "same ABI" is written down and checked (the
//! `abi_crosscheck` test compares each size with what both C compilers say). Terminal
//! structures are the kernel's (`struct termios` is 36 bytes in the kernel ABI; glibc's own
//! 60-byte termios never reaches the kernel).

use super::guest_struct::GuestPod;
use core::mem::size_of;

/// Kernel `struct termios` (TCGETS/TCSETS*), both ABIs: NCCS = 19.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct KernelTermios {
    pub c_iflag: u32,
    pub c_oflag: u32,
    pub c_cflag: u32,
    pub c_lflag: u32,
    pub c_line: u8,
    pub c_cc: [u8; 19],
}
const _: () = assert!(size_of::<KernelTermios>() == 36);

/// `struct winsize` (TIOCGWINSZ/TIOCSWINSZ).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Winsize {
    pub ws_row: u16,
    pub ws_col: u16,
    pub ws_xpixel: u16,
    pub ws_ypixel: u16,
}
const _: () = assert!(size_of::<Winsize>() == 8);

/// `struct rlimit` / `struct rlimit64`.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Rlimit {
    pub rlim_cur: u64,
    pub rlim_max: u64,
}
const _: () = assert!(size_of::<Rlimit>() == 16);

/// `struct rusage`: two timevals then fourteen longs.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Rusage {
    pub ru_utime: [i64; 2],
    pub ru_stime: [i64; 2],
    pub counters: [i64; 14],
}
const _: () = assert!(size_of::<Rusage>() == 144);

/// Kernel `struct sysinfo`.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Sysinfo {
    pub uptime: i64,
    pub loads: [u64; 3],
    pub totalram: u64,
    pub freeram: u64,
    pub sharedram: u64,
    pub bufferram: u64,
    pub totalswap: u64,
    pub freeswap: u64,
    pub procs: u16,
    pub pad: u16,
    pub pad2: u32,
    pub totalhigh: u64,
    pub freehigh: u64,
    pub mem_unit: u32,
    pub pad3: u32,
}
const _: () = assert!(size_of::<Sysinfo>() == 112);

/// Kernel `struct new_utsname` (uname): six 65-byte strings; `machine` is rewritten to x86_64.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utsname {
    pub sysname: [u8; 65],
    pub nodename: [u8; 65],
    pub release: [u8; 65],
    pub version: [u8; 65],
    pub machine: [u8; 65],
    pub domainname: [u8; 65],
}
const _: () = assert!(size_of::<Utsname>() == 390);

impl Default for Utsname {
    fn default() -> Self {
        Utsname {
            sysname: [0; 65],
            nodename: [0; 65],
            release: [0; 65],
            version: [0; 65],
            machine: [0; 65],
            domainname: [0; 65],
        }
    }
}

/// Offset of `machine` in `struct new_utsname`.
pub const UTSNAME_MACHINE: usize = 4 * 65;

/// `siginfo_t` (128 bytes; the union layout is the generic one on both).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Siginfo {
    pub si_signo: i32,
    pub si_errno: i32,
    pub si_code: i32,
    pub pad: i32,
    pub fields: [u64; 14],
}
const _: () = assert!(size_of::<Siginfo>() == 128);

/// `struct iovec`.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Iovec {
    pub iov_base: u64,
    pub iov_len: u64,
}
const _: () = assert!(size_of::<Iovec>() == 16);

/// `struct msghdr` (sendmsg/recvmsg).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Msghdr {
    pub msg_name: u64,
    pub msg_namelen: u32,
    pub pad: u32,
    pub msg_iov: u64,
    pub msg_iovlen: u64,
    pub msg_control: u64,
    pub msg_controllen: u64,
    pub msg_flags: i32,
    pub pad2: u32,
}
const _: () = assert!(size_of::<Msghdr>() == 56);

/// `struct cmsghdr` header.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Cmsghdr {
    pub cmsg_len: u64,
    pub cmsg_level: i32,
    pub cmsg_type: i32,
}
const _: () = assert!(size_of::<Cmsghdr>() == 16);

/// `struct itimerval`.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Itimerval {
    pub it_interval: [i64; 2],
    pub it_value: [i64; 2],
}
const _: () = assert!(size_of::<Itimerval>() == 32);

/// `struct sched_param`.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct SchedParam {
    pub sched_priority: i32,
}
const _: () = assert!(size_of::<SchedParam>() == 4);

// SAFETY: all of these are repr(C) integer-only kernel structures.
unsafe impl GuestPod for KernelTermios {}
// SAFETY: as above.
unsafe impl GuestPod for Winsize {}
// SAFETY: as above.
unsafe impl GuestPod for Rlimit {}
// SAFETY: as above.
unsafe impl GuestPod for Rusage {}
// SAFETY: as above.
unsafe impl GuestPod for Sysinfo {}
// SAFETY: as above.
unsafe impl GuestPod for Utsname {}
// SAFETY: as above.
unsafe impl GuestPod for Siginfo {}
// SAFETY: as above.
unsafe impl GuestPod for Iovec {}
// SAFETY: as above.
unsafe impl GuestPod for Msghdr {}
// SAFETY: as above.
unsafe impl GuestPod for Cmsghdr {}
// SAFETY: as above.
unsafe impl GuestPod for Itimerval {}
// SAFETY: as above.
unsafe impl GuestPod for SchedParam {}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;
    use core::mem::offset_of;

    #[test]
    fn same_as_this_hosts_libc() {
        assert_eq!(size_of::<libc::winsize>(), size_of::<Winsize>());
        assert_eq!(size_of::<libc::rlimit>(), size_of::<Rlimit>());
        assert_eq!(size_of::<libc::rusage>(), size_of::<Rusage>());
        assert_eq!(size_of::<libc::sysinfo>(), size_of::<Sysinfo>());
        assert_eq!(
            offset_of!(libc::sysinfo, mem_unit),
            offset_of!(Sysinfo, mem_unit)
        );
        assert_eq!(offset_of!(libc::sysinfo, procs), offset_of!(Sysinfo, procs));
        assert_eq!(size_of::<libc::utsname>(), size_of::<Utsname>());
        assert_eq!(offset_of!(libc::utsname, machine), UTSNAME_MACHINE);
        assert_eq!(size_of::<libc::siginfo_t>(), size_of::<Siginfo>());
        assert_eq!(size_of::<libc::iovec>(), size_of::<Iovec>());
        assert_eq!(size_of::<libc::msghdr>(), size_of::<Msghdr>());
        assert_eq!(
            offset_of!(libc::msghdr, msg_flags),
            offset_of!(Msghdr, msg_flags)
        );
        assert_eq!(
            offset_of!(libc::msghdr, msg_controllen),
            offset_of!(Msghdr, msg_controllen)
        );
        assert_eq!(size_of::<libc::cmsghdr>(), size_of::<Cmsghdr>());
        assert_eq!(size_of::<libc::itimerval>(), size_of::<Itimerval>());
        assert_eq!(size_of::<libc::sched_param>(), size_of::<SchedParam>());
        // glibc's termios is not the kernel's: the kernel ABI one is checked in abi_crosscheck
        assert_eq!(size_of::<libc::termios2>(), size_of::<KernelTermios>() + 8);
    }
}
