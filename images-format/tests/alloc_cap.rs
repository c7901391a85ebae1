//! A length prefix in the file is never trusted for an allocation: this binary counts the
//! largest single allocation while decoding files whose records claim huge lengths.

// Test helpers unwrap: a panic is a test failure with a backtrace.
#![allow(clippy::unwrap_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Cursor;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use images_format::proto::pstree::ProcessEntry;
use images_format::{FileKind, ReadImageError, RecordReader};

struct Counting;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to the system allocator with the caller's arguments unchanged;
// recording the size in an atomic has no effect on the allocation.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's (GlobalAlloc::alloc).
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout (through `alloc`).
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's (GlobalAlloc::alloc_zeroed).
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: `ptr`/`layout` come from this allocator, as the caller guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// A pstree file whose only record claims `len` bytes (the rest of the file is small).
fn file_claiming(len: u32) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b"HMCRIMG\0PSTR");
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    let crc = crc32fast::hash(&out[..20]);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&[0u8; 64]);
    out
}

#[test]
fn claimed_lengths_are_checked_before_allocating() {
    for len in [u32::MAX - 1, 1 << 30, 64 << 20, 60 << 20, 1 << 20] {
        let bytes = file_claiming(len);
        LARGEST.store(0, Ordering::Relaxed);
        let result = RecordReader::new(
            Cursor::new(&bytes[..]),
            bytes.len() as u64,
            Path::new("claims.img"),
            FileKind::Pstree,
        )
        .and_then(|mut r| r.next_record::<ProcessEntry>());
        let largest = LARGEST.load(Ordering::Relaxed);
        assert!(
            matches!(
                result,
                Err(ReadImageError::RecordTooLarge { .. } | ReadImageError::Truncated { .. })
            ),
            "len {len}: {result:?}"
        );
        assert!(
            largest < 64 << 10,
            "len {len}: an allocation of {largest} bytes was made"
        );
    }
}
