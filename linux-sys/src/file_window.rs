//! Windows on part of a file: shared mappings owned by a value and unmapped on drop. A read-only
//! one serves bytes of the page cache without copying them ([`FileWindow`]); a writable one,
//! populated up front, receives bytes without a `write` call ([`FileWindowMut`]). On tmpfs the
//! latter's pages are allocated by page faults, which do not take the per-file lock that `write`
//! holds for its whole copy: several threads can fill one file at once.

use std::io;
use std::os::fd::RawFd;

/// `MADV_POPULATE_WRITE` (Linux 5.14), not in every libc crate release.
const MADV_POPULATE_WRITE: libc::c_int = 23;

/// One shared mapping of `len` bytes at `addr`; unmapped on drop.
#[derive(Debug)]
struct Mapping {
    addr: *mut libc::c_void,
    len: usize,
}

impl Mapping {
    fn new(
        fd: RawFd,
        offset: u64,
        len: usize,
        prot: libc::c_int,
        flags: libc::c_int,
    ) -> io::Result<Mapping> {
        let off = libc::off_t::try_from(offset)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "file offset out of range"))?;
        // SAFETY: a new mapping chosen by the kernel; nothing existing is replaced.
        let addr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                prot,
                libc::MAP_SHARED | flags,
                fd,
                off,
            )
        };
        if addr == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Mapping { addr, len })
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: unmapping the mapping this value owns; no reference to it outlives self.
        unsafe { libc::munmap(self.addr, self.len) };
    }
}

/// A read-only shared mapping of part of a file, with its page-cache pages mapped up front
/// (`MAP_POPULATE`); unmapped on drop.
#[derive(Debug)]
pub struct FileWindow {
    map: Mapping,
}

impl FileWindow {
    /// Maps `len` bytes of the file open on `fd` from `offset` (a multiple of the page size).
    pub fn map(fd: RawFd, offset: u64, len: usize) -> io::Result<FileWindow> {
        let map = Mapping::new(fd, offset, len, libc::PROT_READ, libc::MAP_POPULATE)?;
        Ok(FileWindow { map })
    }

    /// The mapped bytes. A file truncated by someone else meanwhile would make reading past its
    /// end fault: callers map only what they checked is there, of files nobody else writes.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `addr..addr+len` is a live read-only mapping owned by self.
        unsafe { std::slice::from_raw_parts(self.map.addr.cast::<u8>(), self.map.len) }
    }
}

/// A writable shared mapping of part of a file whose pages were all allocated and mapped when
/// it was created; unmapped on drop (the bytes stay in the file).
#[derive(Debug)]
pub struct FileWindowMut {
    map: Mapping,
}

impl FileWindowMut {
    /// Maps `len` bytes of the file open (read-write) on `fd` from `offset` (a multiple of the
    /// page size; the file must already be at least `offset + len` long) and has the kernel
    /// provide every page now (`MADV_POPULATE_WRITE`). A page the file system cannot provide
    /// (full disk, quota, no memory) fails here, as an error, instead of as a SIGBUS on the first
    /// write; `EINVAL` means the kernel is older than 5.14.
    pub fn map(fd: RawFd, offset: u64, len: usize) -> io::Result<FileWindowMut> {
        let map = Mapping::new(fd, offset, len, libc::PROT_READ | libc::PROT_WRITE, 0)?;
        // SAFETY: advice on the mapping just created and owned by `map`.
        let r = unsafe { libc::madvise(map.addr, map.len, MADV_POPULATE_WRITE) };
        if r != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(FileWindowMut { map })
    }

    /// The mapped bytes, to write. As with [`FileWindow::bytes`], the file must not be truncated
    /// by someone else while the window lives.
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: `addr..addr+len` is a live writable mapping owned by self, borrowed mutably.
        unsafe { std::slice::from_raw_parts_mut(self.map.addr.cast::<u8>(), self.map.len) }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Seek, SeekFrom};
    use std::os::fd::AsRawFd;

    use super::*;

    fn temp_file(len: u64) -> std::fs::File {
        let dir = std::env::temp_dir();
        let path = dir.join(format!("hmcr-file-window-{}", std::process::id()));
        let f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .expect("creating a temporary file");
        let _ = std::fs::remove_file(&path);
        f.set_len(len).expect("sizing the temporary file");
        f
    }

    #[test]
    fn bytes_written_through_a_window_land_in_the_file() {
        let mut f = temp_file(3 * 4096);
        {
            let mut w = FileWindowMut::map(f.as_raw_fd(), 4096, 8192).expect("mapping");
            w.bytes_mut()[..4].copy_from_slice(b"hmcr");
            w.bytes_mut()[8191] = 7;
        }
        let mut all = Vec::new();
        f.seek(SeekFrom::Start(0)).expect("seek");
        f.read_to_end(&mut all).expect("read back");
        assert_eq!(&all[4096..4100], b"hmcr");
        assert_eq!(all[4096 + 8191], 7);
        assert!(all[..4096].iter().all(|&b| b == 0));
        let r = FileWindow::map(f.as_raw_fd(), 4096, 4096).expect("read-only window");
        assert_eq!(&r.bytes()[..4], b"hmcr");
    }

    #[test]
    fn a_window_past_the_end_of_the_file_is_refused() {
        let f = temp_file(4096);
        let err = FileWindowMut::map(f.as_raw_fd(), 0, 3 * 4096).expect_err("beyond EOF");
        assert!(err.raw_os_error().is_some(), "{err}");
    }
}
