//! The pages file as the sink of the memory dump ([`memory::PageSink`]): positional `pwrite`s
//! and writes through short-lived mappings of the file, timed for the dump statistics.
//!
//! A mapped write maps just the pages it stores, has the kernel provide them all up front
//! (`MADV_POPULATE_WRITE`), copies, and unmaps, so hmcr's resident set grows by one batch at
//! most. When a window cannot be populated (full disk, quota, kernel before 5.14) the batch is
//! written with `pwrite` instead, which reports the actual reason (ENOSPC becomes "no space").

use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use images_format::PagesAt;
use linux_sys::file_window::FileWindowMut;

use crate::error::WriteImageError;
use crate::memory::PageSink;

/// Page stores into one pages file, with the time spent in them.
pub struct PagesOut<'a> {
    at: PagesAt<'a>,
    /// Nanoseconds spent storing pages, summed over the writer threads.
    spent_ns: AtomicU64,
    /// Cleared after a window could not be populated: the rest goes through `pwrite`.
    mapping_works: AtomicBool,
}

impl<'a> PagesOut<'a> {
    pub fn new(at: PagesAt<'a>) -> PagesOut<'a> {
        PagesOut {
            at,
            spent_ns: AtomicU64::new(0),
            mapping_works: AtomicBool::new(true),
        }
    }

    /// Time spent storing pages, summed over the writer threads (they run in parallel).
    pub fn spent(&self) -> Duration {
        Duration::from_nanos(self.spent_ns.load(Ordering::Relaxed))
    }

    fn timed(
        &self,
        f: impl FnOnce() -> Result<(), WriteImageError>,
    ) -> Result<(), WriteImageError> {
        let t = Instant::now();
        let r = f();
        let ns = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.spent_ns.fetch_add(ns, Ordering::Relaxed);
        r
    }

    /// Copies `parts` into a populated window at page `index`; false if no window could be had.
    fn copy_into_window(&self, index: u64, parts: &[&[u8]]) -> bool {
        if !self.mapping_works.load(Ordering::Relaxed) {
            return false;
        }
        let len = parts.iter().map(|p| p.len()).sum();
        let fd = self.at.file().as_raw_fd();
        let Ok(mut window) = FileWindowMut::map(fd, self.at.offset_of(index), len) else {
            self.mapping_works.store(false, Ordering::Relaxed);
            return false;
        };
        let mut dest = window.bytes_mut();
        for part in parts {
            let (head, rest) = dest.split_at_mut(part.len());
            head.copy_from_slice(part);
            dest = rest;
        }
        true
    }
}

impl PageSink for PagesOut<'_> {
    fn reserve(&self, pages: u64) -> Result<(), WriteImageError> {
        self.at.reserve(pages).map_err(WriteImageError::from_format)
    }

    fn write(&self, index: u64, parts: &[&[u8]]) -> Result<(), WriteImageError> {
        self.timed(|| {
            self.at
                .write_at(index, parts)
                .map_err(WriteImageError::from_format)
        })
    }

    fn write_mapped(&self, index: u64, parts: &[&[u8]]) -> Result<(), WriteImageError> {
        self.timed(|| {
            if self.copy_into_window(index, parts) {
                return Ok(());
            }
            self.at
                .write_at(index, parts)
                .map_err(WriteImageError::from_format)
        })
    }
}
