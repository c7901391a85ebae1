//! Executable memory for generated code: one RWX mapping with a bump allocator. One mapping keeps
//! every block within ±128 MiB of every other, so chained branches are single `b` instructions.

use std::io;

/// Executable code buffer.
pub struct CodeBuf {
    base: *mut u8,
    size: usize,
    used: usize,
}

/// Size of the code buffer (well under the 128 MiB reach of `b`).
pub const CODE_BUF_SIZE: usize = 64 << 20;

impl CodeBuf {
    pub fn new(size: usize) -> io::Result<CodeBuf> {
        // SAFETY: anonymous private mapping at a kernel-chosen address; no existing memory is
        // touched. The result is checked for MAP_FAILED.
        let p = unsafe {
            libc::mmap(
                core::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(CodeBuf {
            base: p.cast(),
            size,
            used: 0,
        })
    }

    /// Host address where the next allocation will start.
    pub fn next_addr(&self) -> u64 {
        self.base as u64 + ((self.used as u64 + 15) & !15)
    }

    /// Bytes still free.
    pub fn free(&self) -> usize {
        self.size - self.used
    }

    /// Copies `code` to the next free location (16-byte aligned); returns its host address.
    /// The caller must have checked `free()`.
    pub fn push(&mut self, code: &[u8]) -> Option<u64> {
        let start = (self.used + 15) & !15;
        if start + code.len() > self.size {
            return None;
        }
        // SAFETY: [start, start+len) lies inside our own mapping (checked above) and no
        // generated code runs concurrently with translation on this machine.
        unsafe {
            core::ptr::copy_nonoverlapping(code.as_ptr(), self.base.add(start), code.len());
        }
        self.used = start + code.len();
        let addr = self.base as u64 + start as u64;
        sync_icache(addr, code.len());
        Some(addr)
    }

    /// Overwrites one instruction word at `addr` (inside this buffer) and syncs the icache.
    pub fn patch_word(&mut self, addr: u64, word: u32) {
        let b = self.base as u64;
        assert!(
            addr >= b && addr + 4 <= b + self.used as u64 && addr.is_multiple_of(4),
            "patch outside code buffer"
        );
        // SAFETY: checked above that the word lies inside the used part of our mapping, aligned.
        unsafe {
            core::ptr::write_volatile(addr as *mut u32, word);
        }
        sync_icache(addr, 4);
    }

    /// Reads one instruction word at `addr` (inside this buffer).
    pub fn read_word(&self, addr: u64) -> u32 {
        let b = self.base as u64;
        assert!(
            addr >= b && addr + 4 <= b + self.used as u64 && addr.is_multiple_of(4),
            "read outside code buffer"
        );
        // SAFETY: checked above.
        unsafe { core::ptr::read_volatile(addr as *const u32) }
    }

    /// Forgets everything after `keep` bytes (used by a full cache flush; the common stubs at the
    /// start are kept).
    pub fn truncate(&mut self, keep: usize) {
        self.used = keep.min(self.used);
    }

    pub fn used(&self) -> usize {
        self.used
    }
}

impl Drop for CodeBuf {
    fn drop(&mut self) {
        // SAFETY: unmapping exactly the mapping created in `new`.
        unsafe {
            libc::munmap(self.base.cast(), self.size);
        }
    }
}

/// Overwrites the instruction word at `addr` and syncs the icache, without the bounds check of
/// [`CodeBuf::patch_word`]: for the recording signal handler, which cannot borrow the buffer.
/// Async-signal-safe (one store and cache maintenance instructions).
///
/// # Safety
/// `addr` must be a 4-byte aligned word inside a live code buffer that no other thread executes
/// or changes meanwhile.
pub unsafe fn write_word(addr: u64, word: u32) {
    // SAFETY: the caller's contract.
    unsafe { core::ptr::write_volatile(addr as *mut u32, word) };
    sync_icache(addr, 4);
}

/// Makes freshly written code visible to instruction fetch (a no-op on x86_64 hosts).
fn sync_icache(addr: u64, len: usize) {
    // SAFETY: the range lies inside our code mapping, which stays mapped while `self` lives.
    let s = unsafe { core::slice::from_raw_parts(addr as *const u8, len) };
    dynasmrt::cache_control::synchronize_icache(s);
}
