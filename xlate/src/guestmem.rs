//! Raw access to guest memory from Rust helpers. Guest memory is identity-mapped into this
//! process (guest address == host address), as the [`crate::Machine`] contract requires.

/// Reads `N` bytes at guest address `addr`.
pub fn read<const N: usize>(addr: u64) -> [u8; N] {
    let mut out = [0u8; N];
    // SAFETY: the machine contract: the caller mapped guest memory at its own addresses; the
    // guest instruction being executed accesses exactly these bytes, and a fault here is the
    // same fault the guest instruction would take.
    unsafe {
        core::ptr::copy_nonoverlapping(addr as *const u8, out.as_mut_ptr(), N);
    }
    out
}

/// Writes bytes at guest address `addr`.
pub fn write(addr: u64, bytes: &[u8]) {
    // SAFETY: as for `read`.
    unsafe {
        core::ptr::copy_nonoverlapping(bytes.as_ptr(), addr as *mut u8, bytes.len());
    }
}

/// Reads `size` (1, 2, 4, 8) bytes little-endian, zero-extended.
pub fn read_uint(addr: u64, size: u32) -> u64 {
    match size {
        1 => u64::from(read::<1>(addr)[0]),
        2 => u64::from(u16::from_le_bytes(read::<2>(addr))),
        4 => u64::from(u32::from_le_bytes(read::<4>(addr))),
        _ => u64::from_le_bytes(read::<8>(addr)),
    }
}

/// Writes the low `size` bytes of `v` little-endian.
pub fn write_uint(addr: u64, size: u32, v: u64) {
    let b = v.to_le_bytes();
    write(addr, &b[..size as usize]);
}

pub fn read_u128(addr: u64) -> u128 {
    u128::from_le_bytes(read::<16>(addr))
}

pub fn write_u128(addr: u64, v: u128) {
    write(addr, &v.to_le_bytes());
}
