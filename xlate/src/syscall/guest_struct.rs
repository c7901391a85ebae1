//! Copying kernel structures between guest memory and Rust values.
//!
//! Guest memory is identity-mapped (guest address == host address, see [`crate::Machine`]), so a
//! guest structure is read or written with a plain byte copy. Only types that are plain integers
//! in `#[repr(C)]` layout may be copied: they implement [`GuestPod`].

/// A `#[repr(C)]` kernel structure made only of integers (and arrays of them), without padding
/// that could leak host data, so any byte pattern is a valid value.
///
/// # Safety
/// Implementors must be `#[repr(C)]` (or `#[repr(C, packed)]`) with integer fields only.
pub unsafe trait GuestPod: Copy + Default {}

/// Reads a `T` at guest address `addr`.
pub fn read<T: GuestPod>(addr: u64) -> T {
    let mut v = T::default();
    // SAFETY: T is GuestPod (every byte pattern is valid); guest memory is identity-mapped and a
    // bad address faults exactly as the kernel would have returned -EFAULT for the guest (callers
    // check for NULL first).
    unsafe {
        core::ptr::copy_nonoverlapping(
            addr as *const u8,
            (&mut v as *mut T).cast::<u8>(),
            core::mem::size_of::<T>(),
        );
    }
    v
}

/// Writes `v` at guest address `addr`.
pub fn write<T: GuestPod>(addr: u64, v: &T) {
    crate::guestmem::write(addr, bytes_of(v));
}

/// The bytes of `v`.
pub fn bytes_of<T: GuestPod>(v: &T) -> &[u8] {
    // SAFETY: T is GuestPod: plain integers, so viewing it as bytes is sound for its size.
    unsafe { core::slice::from_raw_parts((v as *const T).cast::<u8>(), core::mem::size_of::<T>()) }
}

#[cfg(test)]
/// A `T` from the first `size_of::<T>()` bytes of `b` (None when `b` is too short).
pub fn from_bytes<T: GuestPod>(b: &[u8]) -> Option<T> {
    let n = core::mem::size_of::<T>();
    if b.len() < n {
        return None;
    }
    let mut v = T::default();
    // SAFETY: T is GuestPod and `b` holds at least size_of::<T>() bytes.
    unsafe {
        core::ptr::copy_nonoverlapping(b.as_ptr(), (&mut v as *mut T).cast::<u8>(), n);
    }
    Some(v)
}

// SAFETY: plain integer kernel structures from abi.rs.
unsafe impl GuestPod for super::abi::X86Stat {}
// SAFETY: as above.
unsafe impl GuestPod for super::abi::Aarch64Stat {}
// SAFETY: as above.
unsafe impl GuestPod for super::abi::KernelSigaction {}
// SAFETY: as above.
unsafe impl GuestPod for super::abi::StackT {}
