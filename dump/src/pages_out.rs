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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use images_format::{ExistingImage, ImageDir};

    use super::*;

    const PAGE: usize = 4096;

    /// A scratch directory, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(label: &str) -> Scratch {
            let p =
                std::env::temp_dir().join(format!("hmcr-pages-out-{label}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            Scratch(p)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn page(b: u8) -> Vec<u8> {
        vec![b; PAGE]
    }

    /// Stores pages 0..4 through both paths (out of order, page 3 before reserving room for it),
    /// finishes the file and returns its data pages.
    fn store(label: &str, reserve: u64) -> (Vec<u8>, bool) {
        let scratch = Scratch::new(label);
        let dir = ImageDir::create(&scratch.0, ExistingImage::Refuse).expect("image dir");
        let mut pages = dir.pages_writer(1, PAGE as u32).expect("pages writer");
        let mapping_worked;
        {
            let out = PagesOut::new(pages.positional().expect("positional"));
            out.reserve(reserve).expect("reserve");
            out.write_mapped(1, &[&page(2), &page(3)]).expect("mapped");
            out.write(0, &[&page(1)]).expect("pwrite");
            out.write_mapped(3, &[&page(4)])
                .expect("mapped or its fallback");
            mapping_worked = out.mapping_works.load(Ordering::Relaxed);
        }
        pages.set_page_count(4).expect("count");
        let path = pages.path().to_path_buf();
        assert_eq!(pages.finish().expect("finish"), 4);
        let bytes = std::fs::read(&path).expect("read back");
        assert_eq!(
            bytes.len(),
            5 * PAGE,
            "header page + 4 pages, no reserved room left"
        );
        (bytes[PAGE..].to_vec(), mapping_worked)
    }

    fn assert_pages(data: &[u8]) {
        for (i, p) in data.chunks_exact(PAGE).enumerate() {
            assert!(p.iter().all(|&b| b == i as u8 + 1), "page {i}");
        }
    }

    #[test]
    fn mapped_and_written_pages_land_at_their_indices() {
        let (data, mapped) = store("both", 8);
        assert_pages(&data);
        assert!(mapped, "every window was within the reserved room");
    }

    #[test]
    fn a_window_that_cannot_be_populated_falls_back_to_pwrite() {
        // Room for 3 pages only: the window for page 3 lies past the end of the file.
        let (data, mapped) = store("fallback", 3);
        assert_pages(&data);
        assert!(!mapped, "later batches go straight to pwrite");
    }
}
