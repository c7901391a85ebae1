//! Filling another process's fresh anonymous memory with `UFFDIO_COPY`: the kernel allocates each
//! page and copies the bytes in, with no page fault and no zeroing first (what a fault on fresh
//! memory followed by a copy costs). The userfaultfd is created by the target itself (it belongs
//! to the mm of its creator) and fetched by the tracer with `pidfd_getfd`; the source bytes are
//! a read-only mapping of a file in the tracer ([`FileWindow`]).

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use crate::pid::Pid;

const UFFD_API: u64 = 0xAA;
/// `_IOWR(0xAA, 0x3F, struct uffdio_api)`.
const UFFDIO_API: libc::c_ulong = 0xC018_AA3F;
/// `_IOWR(0xAA, 0x00, struct uffdio_register)`.
const UFFDIO_REGISTER: libc::c_ulong = 0xC020_AA00;
/// `_IOR(0xAA, 0x01, struct uffdio_range)`.
const UFFDIO_UNREGISTER: libc::c_ulong = 0x8010_AA01;
/// `_IOWR(0xAA, 0x03, struct uffdio_copy)`.
const UFFDIO_COPY: libc::c_ulong = 0xC028_AA03;
const UFFDIO_REGISTER_MODE_MISSING: u64 = 1;
const UFFDIO_COPY_MODE_DONTWAKE: u64 = 1;

#[repr(C)]
struct UffdioApi {
    api: u64,
    features: u64,
    ioctls: u64,
}
const _: () = assert!(std::mem::size_of::<UffdioApi>() == 24);

#[repr(C)]
#[derive(Clone, Copy)]
struct UffdioRange {
    start: u64,
    len: u64,
}
const _: () = assert!(std::mem::size_of::<UffdioRange>() == 16);

#[repr(C)]
struct UffdioRegister {
    range: UffdioRange,
    mode: u64,
    ioctls: u64,
}
const _: () = assert!(std::mem::size_of::<UffdioRegister>() == 32);

#[repr(C)]
struct UffdioCopy {
    dst: u64,
    src: u64,
    len: u64,
    mode: u64,
    copy: i64,
}
const _: () = assert!(std::mem::size_of::<UffdioCopy>() == 40);

fn check(ret: libc::c_long) -> io::Result<libc::c_long> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

/// A duplicate, in the caller, of descriptor `fd` of process `pid` (`pidfd_open` +
/// `pidfd_getfd`; needs ptrace rights over `pid`).
pub fn fetch_fd(pid: Pid, fd: RawFd) -> io::Result<OwnedFd> {
    // SAFETY: integers only.
    let pidfd = check(unsafe { libc::syscall(libc::SYS_pidfd_open, pid.as_raw(), 0) })?;
    // SAFETY: pidfd_open returned a new descriptor that we own from here on.
    let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd as RawFd) };
    // SAFETY: integers only.
    let got = check(unsafe { libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0) })?;
    // SAFETY: pidfd_getfd returned a new descriptor (close-on-exec) that we own.
    Ok(unsafe { OwnedFd::from_raw_fd(got as RawFd) })
}

/// A userfaultfd of another process's mm, ready for registering ranges.
#[derive(Debug)]
pub struct Userfault {
    fd: OwnedFd,
}

impl Userfault {
    /// Takes a userfaultfd (created by its target process, fetched with [`fetch_fd`]) and
    /// completes the API handshake.
    pub fn new(fd: OwnedFd) -> io::Result<Userfault> {
        let mut api = UffdioApi {
            api: UFFD_API,
            features: 0,
            ioctls: 0,
        };
        // SAFETY: UFFDIO_API reads and writes one uffdio_api, which `api` is.
        check(libc::c_long::from(unsafe {
            libc::ioctl(fd.as_raw_fd(), UFFDIO_API, &mut api as *mut UffdioApi)
        }))?;
        Ok(Userfault { fd })
    }

    /// Registers `[start, start + len)` (whole VMAs of anonymous memory) for missing-page
    /// handling, which is what allows [`Userfault::copy`] into it.
    pub fn register_missing(&self, start: u64, len: u64) -> io::Result<()> {
        let mut reg = UffdioRegister {
            range: UffdioRange { start, len },
            mode: UFFDIO_REGISTER_MODE_MISSING,
            ioctls: 0,
        };
        // SAFETY: UFFDIO_REGISTER reads and writes one uffdio_register, which `reg` is.
        check(libc::c_long::from(unsafe {
            libc::ioctl(
                self.fd.as_raw_fd(),
                UFFDIO_REGISTER,
                &mut reg as *mut UffdioRegister,
            )
        }))
        .map(drop)
    }

    /// Undoes [`Userfault::register_missing`] for the same range.
    pub fn unregister(&self, start: u64, len: u64) -> io::Result<()> {
        let range = UffdioRange { start, len };
        // SAFETY: UFFDIO_UNREGISTER reads one uffdio_range, which `range` is.
        check(libc::c_long::from(unsafe {
            libc::ioctl(
                self.fd.as_raw_fd(),
                UFFDIO_UNREGISTER,
                &range as *const UffdioRange,
            )
        }))
        .map(drop)
    }

    /// Copies `src` to `dst` in the target (a registered range whose pages were never touched),
    /// retrying when the kernel stops early (`EAGAIN` while the target's mappings change).
    pub fn copy(&self, dst: u64, src: &[u8]) -> io::Result<()> {
        let mut done = 0usize;
        while done < src.len() {
            let mut c = UffdioCopy {
                dst: dst + done as u64,
                src: src[done..].as_ptr() as u64,
                len: (src.len() - done) as u64,
                mode: UFFDIO_COPY_MODE_DONTWAKE,
                copy: 0,
            };
            // SAFETY: UFFDIO_COPY reads `len` bytes at `src`, which lie inside the borrowed
            // slice, and writes the target's memory only; `c` is one uffdio_copy.
            let rc =
                unsafe { libc::ioctl(self.fd.as_raw_fd(), UFFDIO_COPY, &mut c as *mut UffdioCopy) };
            let err = (rc < 0).then(io::Error::last_os_error);
            if c.copy > 0 {
                done += c.copy as usize;
                continue;
            }
            match err {
                Some(e) if e.raw_os_error() == Some(libc::EAGAIN) => continue,
                Some(e) => return Err(e),
                None if c.copy < 0 => return Err(io::Error::from_raw_os_error(-c.copy as i32)),
                None => {
                    return Err(io::Error::new(
                        io::ErrorKind::WriteZero,
                        "UFFDIO_COPY copied nothing",
                    ))
                }
            }
        }
        Ok(())
    }
}

/// A read-only shared mapping of part of a file, with its page-cache pages mapped up front
/// (`MAP_POPULATE`); unmapped on drop.
#[derive(Debug)]
pub struct FileWindow {
    addr: *mut libc::c_void,
    len: usize,
}

impl FileWindow {
    /// Maps `len` bytes of the file open on `fd` from `offset` (a multiple of the page size).
    pub fn map(fd: RawFd, offset: u64, len: usize) -> io::Result<FileWindow> {
        let off = libc::off_t::try_from(offset)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "file offset out of range"))?;
        // SAFETY: a new mapping chosen by the kernel; nothing existing is replaced.
        let addr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_SHARED | libc::MAP_POPULATE,
                fd,
                off,
            )
        };
        if addr == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(FileWindow { addr, len })
    }

    /// The mapped bytes. A file truncated by someone else meanwhile would make reading past its
    /// end fault: callers map only what they checked is there, of files nobody else writes.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `addr..addr+len` is a live read-only mapping owned by self.
        unsafe { std::slice::from_raw_parts(self.addr.cast::<u8>(), self.len) }
    }
}

impl Drop for FileWindow {
    fn drop(&mut self) {
        // SAFETY: unmapping the mapping this value owns; no reference to it outlives self.
        unsafe { libc::munmap(self.addr, self.len) };
    }
}
