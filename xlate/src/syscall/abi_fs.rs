//! Guest structures of the file-system and descriptor calls, with size assertions and the
//! conversions both ways where the x86_64 and aarch64 layouts differ.
//!
//! Same on both 64-bit ABIs (asserted, and cross-checked against both C compilers by the tests
//! in `abi_crosscheck`): `struct statfs` (120), `struct flock` (32), `struct open_how` (24),
//! `struct pollfd` (8), `struct timespec`/`timeval` (16), `struct utimbuf` (16),
//! `linux_dirent64` header (19). Different: `struct epoll_event` (packed 12 bytes on x86_64,
//! 16 on aarch64) and the legacy `linux_dirent` that only x86_64 has.

use super::guest_struct::GuestPod;
use core::mem::{offset_of, size_of};

/// x86_64 `struct epoll_event`: `__attribute__((packed))`, 12 bytes.
#[repr(C, packed)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct X86EpollEvent {
    pub events: u32,
    pub data: u64,
}
const _: () = assert!(size_of::<X86EpollEvent>() == 12);

/// aarch64 (generic) `struct epoll_event`: natural alignment, 16 bytes.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Aarch64EpollEvent {
    pub events: u32,
    pub pad: u32,
    pub data: u64,
}
const _: () = assert!(size_of::<Aarch64EpollEvent>() == 16);

impl From<X86EpollEvent> for Aarch64EpollEvent {
    fn from(e: X86EpollEvent) -> Self {
        Aarch64EpollEvent {
            events: e.events,
            pad: 0,
            data: e.data,
        }
    }
}

impl From<Aarch64EpollEvent> for X86EpollEvent {
    fn from(e: Aarch64EpollEvent) -> Self {
        X86EpollEvent {
            events: e.events,
            data: e.data,
        }
    }
}

/// `struct statfs` of both 64-bit ABIs (every field a `long`-sized word except `f_fsid`).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct KernelStatfs {
    pub f_type: i64,
    pub f_bsize: i64,
    pub f_blocks: u64,
    pub f_bfree: u64,
    pub f_bavail: u64,
    pub f_files: u64,
    pub f_ffree: u64,
    pub f_fsid: [i32; 2],
    pub f_namelen: i64,
    pub f_frsize: i64,
    pub f_flags: i64,
    pub f_spare: [i64; 4],
}
const _: () = assert!(size_of::<KernelStatfs>() == 120);

/// `struct flock` of both 64-bit ABIs (F_GETLK/F_SETLK/F_SETLKW/F_OFD_*).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Flock {
    pub l_type: i16,
    pub l_whence: i16,
    pub pad: u32,
    pub l_start: i64,
    pub l_len: i64,
    pub l_pid: i32,
    pub pad2: u32,
}
const _: () = assert!(size_of::<Flock>() == 32);

/// `struct open_how` (openat2): the flags are open(2) flags and need translating.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct OpenHow {
    pub flags: u64,
    pub mode: u64,
    pub resolve: u64,
}
const _: () = assert!(size_of::<OpenHow>() == 24);

/// `struct timespec` (both ABIs).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Timespec {
    pub tv_sec: i64,
    pub tv_nsec: i64,
}
const _: () = assert!(size_of::<Timespec>() == 16);

/// `struct timeval` (both ABIs).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Timeval {
    pub tv_sec: i64,
    pub tv_usec: i64,
}
const _: () = assert!(size_of::<Timeval>() == 16);

/// `struct utimbuf` (utime, x86_64 only).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Utimbuf {
    pub actime: i64,
    pub modtime: i64,
}
const _: () = assert!(size_of::<Utimbuf>() == 16);

/// `struct pollfd` (both ABIs).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Pollfd {
    pub fd: i32,
    pub events: i16,
    pub revents: i16,
}
const _: () = assert!(size_of::<Pollfd>() == 8);

/// Header of `struct linux_dirent64` (getdents64, both ABIs); the name follows at offset 19.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct LinuxDirent64Head {
    pub d_ino: u64,
    pub d_off: i64,
    pub d_reclen: u16,
    pub d_type: u8,
}
/// Offset of `d_name` in `linux_dirent64`.
pub const DIRENT64_NAME: usize = 19;
/// Offset of `d_name` in the x86_64 legacy `linux_dirent` (the type byte is the record's last).
pub const DIRENT_NAME: usize = 18;
const _: () = assert!(offset_of!(LinuxDirent64Head, d_type) == 18);

/// Why a getdents64 buffer could not be rewritten as legacy `linux_dirent` records.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DirentConvertError {
    #[error(
        "getdents64 record at byte {offset} has reclen {reclen}, outside the {len}-byte buffer"
    )]
    BadRecord {
        offset: usize,
        reclen: usize,
        len: usize,
    },
}

/// Rewrites the `linux_dirent64` records in `buf` (as getdents64 filled it) in place into
/// x86_64 legacy `linux_dirent` records (getdents):
/// `{ u64 d_ino; u64 d_off; u16 d_reclen; char d_name[]; ...; u8 d_type /* last byte */ }`.
///
/// Both kernels size a record as ALIGN(20 + strlen(name), 8), so the record lengths (and the
/// byte count getdents returns) are unchanged: the name moves one byte down and the type byte
/// moves to the end of the record.
pub fn dirent64_to_dirent_in_place(buf: &mut [u8]) -> Result<(), DirentConvertError> {
    let mut off = 0;
    while off < buf.len() {
        let len = buf.len();
        if off + DIRENT64_NAME > len {
            return Err(DirentConvertError::BadRecord {
                offset: off,
                reclen: 0,
                len,
            });
        }
        let reclen = usize::from(u16::from_le_bytes([buf[off + 16], buf[off + 17]]));
        if reclen < DIRENT64_NAME + 1 || off + reclen > len {
            return Err(DirentConvertError::BadRecord {
                offset: off,
                reclen,
                len,
            });
        }
        let rec = &mut buf[off..off + reclen];
        let d_type = rec[18];
        let name_len = rec[DIRENT64_NAME..]
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(reclen - DIRENT64_NAME);
        // name (without its NUL) moves one byte down, then NUL padding, then the type byte last
        rec.copy_within(DIRENT64_NAME..DIRENT64_NAME + name_len, DIRENT_NAME);
        for b in &mut rec[DIRENT_NAME + name_len..reclen - 1] {
            *b = 0;
        }
        rec[reclen - 1] = d_type;
        off += reclen;
    }
    Ok(())
}

// SAFETY: all of these are repr(C) (or packed) integer-only kernel structures.
unsafe impl GuestPod for X86EpollEvent {}
// SAFETY: as above.
unsafe impl GuestPod for Aarch64EpollEvent {}
// SAFETY: as above.
unsafe impl GuestPod for KernelStatfs {}
// SAFETY: as above.
unsafe impl GuestPod for Flock {}
// SAFETY: as above.
unsafe impl GuestPod for OpenHow {}
// SAFETY: as above.
unsafe impl GuestPod for Timespec {}
// SAFETY: as above.
unsafe impl GuestPod for Timeval {}
// SAFETY: as above.
unsafe impl GuestPod for Utimbuf {}
// SAFETY: as above.
unsafe impl GuestPod for Pollfd {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoll_event_layouts() {
        assert_eq!(offset_of!(X86EpollEvent, data), 4);
        assert_eq!(offset_of!(Aarch64EpollEvent, data), 8);
        let x = X86EpollEvent {
            events: 0x8000_0001,
            data: 0x1122_3344_5566_7788,
        };
        let a = Aarch64EpollEvent::from(x);
        assert_eq!((a.events, a.data), (0x8000_0001, 0x1122_3344_5566_7788));
        assert_eq!(X86EpollEvent::from(a), x);
        let bytes = super::super::guest_struct::bytes_of(&x);
        assert_eq!(
            bytes,
            &[1, 0, 0, 0x80, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]
        );
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn x86_layouts_match_this_hosts_libc() {
        assert_eq!(size_of::<libc::epoll_event>(), size_of::<X86EpollEvent>());
        assert_eq!(size_of::<libc::statfs>(), size_of::<KernelStatfs>());
        assert_eq!(
            core::mem::offset_of!(libc::statfs, f_namelen),
            offset_of!(KernelStatfs, f_namelen)
        );
        assert_eq!(size_of::<libc::flock>(), size_of::<Flock>());
        assert_eq!(
            core::mem::offset_of!(libc::flock, l_pid),
            offset_of!(Flock, l_pid)
        );
        assert_eq!(
            core::mem::offset_of!(libc::flock, l_start),
            offset_of!(Flock, l_start)
        );
        assert_eq!(size_of::<libc::pollfd>(), size_of::<Pollfd>());
        assert_eq!(size_of::<libc::open_how>(), size_of::<OpenHow>());
        assert_eq!(size_of::<libc::utimbuf>(), size_of::<Utimbuf>());
    }

    fn dirent64(ino: u64, off: i64, ty: u8, name: &str) -> Vec<u8> {
        let reclen = (DIRENT64_NAME + name.len() + 1).div_ceil(8) * 8;
        let mut r = vec![0u8; reclen];
        r[..8].copy_from_slice(&ino.to_le_bytes());
        r[8..16].copy_from_slice(&off.to_le_bytes());
        r[16..18].copy_from_slice(&(reclen as u16).to_le_bytes());
        r[18] = ty;
        r[19..19 + name.len()].copy_from_slice(name.as_bytes());
        r
    }

    #[test]
    fn dirent64_records_become_legacy_dirents() {
        let names = ["a", "hello.txt", "exactly_five_", "x".repeat(61).leak()];
        let mut buf = Vec::new();
        for (i, n) in names.iter().enumerate() {
            buf.extend(dirent64(100 + i as u64, 7 + i as i64, 4 + i as u8, n));
        }
        let total = buf.len();
        dirent64_to_dirent_in_place(&mut buf).expect("well-formed buffer");
        assert_eq!(buf.len(), total);
        let mut off = 0;
        for (i, n) in names.iter().enumerate() {
            let rec = &buf[off..];
            let reclen = usize::from(u16::from_le_bytes([rec[16], rec[17]]));
            // the kernel's own legacy size: ALIGN(offsetof(d_name) + namlen + 2, 8)
            assert_eq!(reclen, (DIRENT_NAME + n.len() + 2).div_ceil(8) * 8);
            assert_eq!(
                u64::from_le_bytes(rec[..8].try_into().expect("8 bytes")),
                100 + i as u64
            );
            assert_eq!(&rec[DIRENT_NAME..DIRENT_NAME + n.len()], n.as_bytes());
            assert_eq!(rec[DIRENT_NAME + n.len()], 0, "name is NUL-terminated");
            assert_eq!(
                rec[reclen - 1],
                4 + i as u8,
                "type byte is the record's last"
            );
            off += reclen;
        }
        assert_eq!(off, total);
    }

    #[test]
    fn truncated_dirent_buffer_is_an_error() {
        let mut b = dirent64(1, 1, 8, "abc");
        b.truncate(b.len() - 1);
        assert!(dirent64_to_dirent_in_place(&mut b).is_err());
    }
}
