//! The few raw system calls the translated restorer makes on its own address space, each in a
//! small safe wrapper.

use std::io;
use std::os::fd::RawFd;

/// `MAP_FIXED_NOREPLACE` (same value on x86_64 and aarch64; older libc crates lack it).
pub(crate) const MAP_FIXED_NOREPLACE: i32 = 0x100000;

/// Maps `len` bytes exactly at `addr`, failing with EEXIST if anything is mapped there already.
pub(crate) fn map_fixed(
    addr: u64,
    len: u64,
    prot: i32,
    flags: i32,
    fd: Option<RawFd>,
    offset: u64,
) -> io::Result<()> {
    // SAFETY: MAP_FIXED_NOREPLACE never replaces an existing mapping, so no memory this process
    // uses can be affected; the new range is only accessed through guest addresses.
    let p = unsafe {
        libc::mmap(
            addr as *mut libc::c_void,
            len as usize,
            prot,
            flags | MAP_FIXED_NOREPLACE,
            fd.unwrap_or(-1),
            offset as libc::off_t,
        )
    };
    if p == libc::MAP_FAILED {
        return Err(io::Error::last_os_error());
    }
    if p as u64 != addr {
        // kernels before 4.17 ignore MAP_FIXED_NOREPLACE and treat the address as a hint
        // SAFETY: `p` is the mapping just made, used by nothing.
        unsafe { libc::munmap(p, len as usize) };
        return Err(io::Error::from_raw_os_error(libc::EEXIST));
    }
    Ok(())
}

/// Unmaps a range this restorer mapped for the guest.
pub(crate) fn unmap(addr: u64, len: u64) {
    // SAFETY: callers pass only ranges they mapped for the guest with `map_fixed`, which nothing
    // of the restorer itself uses.
    unsafe { libc::munmap(addr as *mut libc::c_void, len as usize) };
}

/// Changes the protection of a guest range.
pub(crate) fn protect(addr: u64, len: u64, prot: i32) -> io::Result<()> {
    // SAFETY: guest ranges only (mapped by `map_fixed`); protection changes cannot make Rust
    // references dangle because the restorer holds none into guest memory.
    let r = unsafe { libc::mprotect(addr as *mut libc::c_void, len as usize, prot) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Reads exactly `len` bytes of `fd` at `offset` straight into guest memory at `addr` (which
/// must be mapped writable), in pieces so the kernel never needs one huge transfer.
pub(crate) fn pread_into(fd: RawFd, addr: u64, len: u64, offset: u64) -> io::Result<()> {
    const PIECE: u64 = 8 << 20;
    let mut done = 0u64;
    while done < len {
        let n = (len - done).min(PIECE);
        // SAFETY: [addr, addr+len) is a writable guest mapping made by this restorer.
        let r = unsafe {
            libc::pread(
                fd,
                (addr + done) as *mut libc::c_void,
                n as usize,
                (offset + done) as libc::off_t,
            )
        };
        if r < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if r == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the file ends {} bytes short", len - done),
            ));
        }
        done += r as u64;
    }
    Ok(())
}

/// Guest memory at `[addr, addr+len)` as bytes.
///
/// The caller guarantees the range is mapped readable for the life of the returned slice and
/// that nothing writes it meanwhile (the guest has not started).
pub(crate) fn guest_bytes<'a>(addr: u64, len: u64) -> &'a [u8] {
    // SAFETY: per the contract above: a readable guest mapping made by this restorer, not
    // written while the slice lives (no guest thread runs during restore).
    unsafe { std::slice::from_raw_parts(addr as *const u8, len as usize) }
}

/// Copies `data` into guest memory at `addr` (mapped writable by the caller).
pub(crate) fn write_guest(addr: u64, data: &[u8]) {
    // SAFETY: the caller made [addr, addr+len) writable; it is guest memory, disjoint from
    // every Rust object.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), addr as *mut u8, data.len()) };
}

/// Zeroes guest memory at `[addr, addr+len)` (mapped writable by the caller).
pub(crate) fn zero_guest(addr: u64, len: u64) {
    // SAFETY: as for `write_guest`.
    unsafe { std::ptr::write_bytes(addr as *mut u8, 0, len as usize) };
}
