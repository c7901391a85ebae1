//! Guest (x86_64) and host (aarch64) kernel structures and flag values that differ, with
//! conversions. All `#[repr(C)]` and size-asserted.

use core::mem::size_of;

/// `struct stat` as the x86_64 kernel writes it (144 bytes).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct X86Stat {
    pub st_dev: u64,
    pub st_ino: u64,
    pub st_nlink: u64,
    pub st_mode: u32,
    pub st_uid: u32,
    pub st_gid: u32,
    pub pad0: u32,
    pub st_rdev: u64,
    pub st_size: i64,
    pub st_blksize: i64,
    pub st_blocks: i64,
    pub st_atime: i64,
    pub st_atime_nsec: i64,
    pub st_mtime: i64,
    pub st_mtime_nsec: i64,
    pub st_ctime: i64,
    pub st_ctime_nsec: i64,
    pub unused: [i64; 3],
}
const _: () = assert!(size_of::<X86Stat>() == 144);

/// `struct stat` of the generic (aarch64) kernel ABI (128 bytes).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Aarch64Stat {
    pub st_dev: u64,
    pub st_ino: u64,
    pub st_mode: u32,
    pub st_nlink: u32,
    pub st_uid: u32,
    pub st_gid: u32,
    pub st_rdev: u64,
    pub pad1: u64,
    pub st_size: i64,
    pub st_blksize: i32,
    pub pad2: i32,
    pub st_blocks: i64,
    pub st_atime: i64,
    pub st_atime_nsec: i64,
    pub st_mtime: i64,
    pub st_mtime_nsec: i64,
    pub st_ctime: i64,
    pub st_ctime_nsec: i64,
    pub unused: [u32; 2],
}
const _: () = assert!(size_of::<Aarch64Stat>() == 128);

impl From<&Aarch64Stat> for X86Stat {
    fn from(s: &Aarch64Stat) -> X86Stat {
        X86Stat {
            st_dev: s.st_dev,
            st_ino: s.st_ino,
            st_nlink: u64::from(s.st_nlink),
            st_mode: s.st_mode,
            st_uid: s.st_uid,
            st_gid: s.st_gid,
            pad0: 0,
            st_rdev: s.st_rdev,
            st_size: s.st_size,
            st_blksize: i64::from(s.st_blksize),
            st_blocks: s.st_blocks,
            st_atime: s.st_atime,
            st_atime_nsec: s.st_atime_nsec,
            st_mtime: s.st_mtime,
            st_mtime_nsec: s.st_mtime_nsec,
            st_ctime: s.st_ctime,
            st_ctime_nsec: s.st_ctime_nsec,
            unused: [0; 3],
        }
    }
}

/// x86_64 `struct kernel_sigaction` as passed to rt_sigaction (32 bytes).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct KernelSigaction {
    pub handler: u64,
    pub flags: u64,
    pub restorer: u64,
    pub mask: u64,
}
const _: () = assert!(size_of::<KernelSigaction>() == 32);

/// `stack_t` (same on both: 24 bytes).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct StackT {
    pub ss_sp: u64,
    pub ss_flags: i32,
    pub pad: i32,
    pub ss_size: u64,
}
const _: () = assert!(size_of::<StackT>() == 24);

/// open(2) flags whose values differ between x86_64 and aarch64: (x86_64, aarch64).
pub const OPEN_FLAG_MAP: [(u64, u64); 4] = [
    (0o200000, 0o40000),  // O_DIRECTORY
    (0o400000, 0o100000), // O_NOFOLLOW
    (0o40000, 0o200000),  // O_DIRECT
    (0o100000, 0o400000), // O_LARGEFILE
];

/// The differing bits of both ABIs.
const X86_DIFF: u64 = 0o200000 | 0o400000 | 0o40000 | 0o100000;

/// x86_64 open flags → aarch64 open flags (O_TMPFILE includes O_DIRECTORY, handled by it).
pub fn open_flags_to_aarch64(f: u64) -> u64 {
    let mut out = f & !X86_DIFF;
    for (x, a) in OPEN_FLAG_MAP {
        if f & x != 0 {
            out |= a;
        }
    }
    out
}

/// aarch64 open flags → x86_64 open flags.
pub fn open_flags_to_x86(f: u64) -> u64 {
    let mut out = f & !X86_DIFF;
    for (x, a) in OPEN_FLAG_MAP {
        if f & a != 0 {
            out |= x;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_layouts_match_the_kernel_abis() {
        assert_eq!(core::mem::offset_of!(X86Stat, st_nlink), 16);
        assert_eq!(core::mem::offset_of!(X86Stat, st_mode), 24);
        assert_eq!(core::mem::offset_of!(X86Stat, st_size), 48);
        assert_eq!(core::mem::offset_of!(X86Stat, st_mtime), 88);
        assert_eq!(core::mem::offset_of!(Aarch64Stat, st_mode), 16);
        assert_eq!(core::mem::offset_of!(Aarch64Stat, st_nlink), 20);
        assert_eq!(core::mem::offset_of!(Aarch64Stat, st_size), 48);
        assert_eq!(core::mem::offset_of!(Aarch64Stat, st_blocks), 64);
        assert_eq!(core::mem::offset_of!(Aarch64Stat, st_mtime), 88);
        let a = Aarch64Stat {
            st_mode: 0o100644,
            st_nlink: 3,
            st_size: 12345,
            st_blksize: 4096,
            st_mtime_nsec: 7,
            ..Default::default()
        };
        let x = X86Stat::from(&a);
        assert_eq!(
            (
                x.st_mode,
                x.st_nlink,
                x.st_size,
                x.st_blksize,
                x.st_mtime_nsec
            ),
            (0o100644, 3, 12345, 4096, 7)
        );
    }

    #[test]
    fn open_flags_round_trip() {
        // O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_NOFOLLOW on x86_64
        let x = 0o200000 | 0o2000000 | 0o400000;
        let a = open_flags_to_aarch64(x);
        assert_eq!(a, 0o40000 | 0o2000000 | 0o100000);
        assert_eq!(open_flags_to_x86(a), x);
        // O_TMPFILE = 0o20000000 | O_DIRECTORY
        assert_eq!(open_flags_to_aarch64(0o20200000 | 2), 0o20040000 | 2);
    }
}
