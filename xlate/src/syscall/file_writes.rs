//! Writes to files whose pages may be mapped as guest code: write, pwrite64, writev, pwritev,
//! pwritev2, sendfile, splice, copy_file_range, fallocate, ftruncate, truncate. A private file
//! mapping shows the file's new contents in every page the guest has not written itself, so
//! after such a call the translations of exactly the written file range, in every mapping of
//! that file, are dropped ([`super::CodeInvalidator::file_changed`]). The extra cost for files
//! no translated code came from is one fstat per call.
//!
//! Limitation: the file is recognised by device and inode as /proc/self/maps shows them; on
//! overlayfs those name the underlying file and differ from fstat's, so writes there are missed
//! (shared mappings are still covered: their code checks itself on entry).

use super::raw::syscall6;
use super::table::Table;
use super::{FileId, SysCtx};
use libc::{
    SYS_copy_file_range, SYS_fallocate, SYS_ftruncate, SYS_lseek, SYS_pwrite64, SYS_pwritev,
    SYS_pwritev2, SYS_sendfile, SYS_splice, SYS_truncate, SYS_write, SYS_writev,
};

const SEEK_CUR: u64 = 1;
const FALLOC_FL_PUNCH_HOLE: u64 = 0x02;
const FALLOC_FL_COLLAPSE_RANGE: u64 = 0x08;
const FALLOC_FL_ZERO_RANGE: u64 = 0x10;
const FALLOC_FL_INSERT_RANGE: u64 = 0x20;
/// pwritev2 flag: append whatever the offset says.
const RWF_APPEND: u64 = 0x10;

pub fn register(t: &mut Table) {
    t.translate(1, "write", |cx, a| {
        written_at_position(cx, a[0], syscall6(SYS_write, a))
    });
    t.translate(18, "pwrite64", |cx, a| {
        written_at(cx, a[0], a[3], syscall6(SYS_pwrite64, a))
    });
    t.translate(20, "writev", |cx, a| {
        written_at_position(cx, a[0], syscall6(SYS_writev, a))
    });
    // (fd, iov, iovcnt, pos_l, pos_h): on 64-bit kernels pos_l is the whole offset on both
    t.translate(296, "pwritev", |cx, a| {
        written_at(cx, a[0], a[3], syscall6(SYS_pwritev, a))
    });
    t.translate(328, "pwritev2", |cx, a| {
        let r = syscall6(SYS_pwritev2, a);
        if a[5] & RWF_APPEND != 0 {
            appended(cx, a[0], r)
        } else if a[3] == u64::MAX {
            written_at_position(cx, a[0], r)
        } else {
            written_at(cx, a[0], a[3], r)
        }
    });
    // sendfile(out_fd, in_fd, offset*, count) writes at out_fd's position
    t.translate(40, "sendfile", |cx, a| {
        written_at_position(cx, a[0], syscall6(SYS_sendfile, a))
    });
    // splice / copy_file_range(fd_in, off_in*, fd_out, off_out*, len, flags)
    t.translate(275, "splice", |cx, a| {
        let r = syscall6(SYS_splice, a);
        written_through_pointer(cx, a[2], a[3], r)
    });
    t.translate(326, "copy_file_range", |cx, a| {
        let r = syscall6(SYS_copy_file_range, a);
        written_through_pointer(cx, a[2], a[3], r)
    });
    t.translate(285, "fallocate", |cx, a| {
        let r = syscall6(SYS_fallocate, a);
        let (mode, off, len) = (a[1], a[2], a[3]);
        if r == 0 {
            if mode & (FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_INSERT_RANGE) != 0 {
                changed(cx, file_of_fd(a[0]), off, u64::MAX);
            } else if mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE) != 0 {
                changed(cx, file_of_fd(a[0]), off, off.saturating_add(len));
            }
        }
        r
    });
    t.translate(77, "ftruncate", |cx, a| {
        let r = syscall6(SYS_ftruncate, a);
        if r == 0 {
            changed(cx, file_of_fd(a[0]), a[1], u64::MAX);
        }
        r
    });
    t.translate(76, "truncate", |cx, a| {
        let file = file_of_path(a[0]);
        let r = syscall6(SYS_truncate, a);
        if r == 0 {
            changed(cx, file, a[1], u64::MAX);
        }
        r
    });
}

/// The regular file open as `fd`, if it is one.
fn file_of_fd(fd: u64) -> Option<FileId> {
    let fd = i32::try_from(fd).ok()?;
    // SAFETY: an all-zero `stat` is a valid value of this plain C struct.
    let mut st: libc::stat = unsafe { core::mem::zeroed() };
    // SAFETY: fstat writes one `stat` into the exclusively borrowed `st`; a bad fd is an error.
    let r = unsafe { libc::fstat(fd, &mut st) };
    (r == 0).then_some(())?;
    regular(&st)
}

/// The regular file at the guest's NUL-terminated path `path`, if it is one.
fn file_of_path(path: u64) -> Option<FileId> {
    // SAFETY: an all-zero `stat` is a valid value of this plain C struct.
    let mut st: libc::stat = unsafe { core::mem::zeroed() };
    // SAFETY: the path is guest memory identity-mapped into this process; libc passes the
    // pointer to the kernel, which validates it (EFAULT), and writes one `stat` into `st`.
    let r = unsafe { libc::stat(path as *const libc::c_char, &mut st) };
    (r == 0).then_some(())?;
    regular(&st)
}

fn regular(st: &libc::stat) -> Option<FileId> {
    (st.st_mode & libc::S_IFMT == libc::S_IFREG).then(|| FileId::from_dev_ino(st.st_dev, st.st_ino))
}

/// Reports `[start, end)` of `file` changed if translated code came from that file.
fn changed(cx: &mut SysCtx<'_>, file: Option<FileId>, start: u64, end: u64) {
    if let Some(f) = file {
        if cx.code.has_code_from(f) {
            cx.code.file_changed(f, start, end);
        }
    }
}

/// `r` bytes were written at offset `off` of `fd`.
fn written_at(cx: &mut SysCtx<'_>, fd: u64, off: u64, r: i64) -> i64 {
    if r > 0 {
        changed(cx, file_of_fd(fd), off, off.saturating_add(r as u64));
    }
    r
}

/// `r` bytes were written at the file position of `fd` (or appended), which now points after
/// them.
fn written_at_position(cx: &mut SysCtx<'_>, fd: u64, r: i64) -> i64 {
    if r > 0 {
        if let Some(f) = file_of_fd(fd) {
            if cx.code.has_code_from(f) {
                let pos = syscall6(SYS_lseek, [fd, 0, SEEK_CUR, 0, 0, 0]);
                let (start, end) = if pos >= r {
                    (pos as u64 - r as u64, pos as u64)
                } else {
                    (0, u64::MAX)
                };
                cx.code.file_changed(f, start, end);
            }
        }
    }
    r
}

/// `r` bytes were appended by pwritev2's RWF_APPEND, which reports no position: the whole file
/// counts as changed.
fn appended(cx: &mut SysCtx<'_>, fd: u64, r: i64) -> i64 {
    if r > 0 {
        changed(cx, file_of_fd(fd), 0, u64::MAX);
    }
    r
}

/// `r` bytes were written to `fd` at `*off_ptr` (which the kernel advanced past them) or, with
/// a null pointer, at its file position.
fn written_through_pointer(cx: &mut SysCtx<'_>, fd: u64, off_ptr: u64, r: i64) -> i64 {
    if r <= 0 {
        return r;
    }
    if off_ptr == 0 {
        return written_at_position(cx, fd, r);
    }
    if let Some(f) = file_of_fd(fd) {
        if cx.code.has_code_from(f) {
            // The call succeeded, so the kernel read and updated the offset at `off_ptr`.
            let end = u64::from_le_bytes(crate::guestmem::read::<8>(off_ptr));
            cx.code
                .file_changed(f, end.saturating_sub(r as u64), end.max(r as u64));
        }
    }
    r
}
