//! One pages file as the sink of a memory dump worker ([`memory::PageSink`]): positional
//! `pwrite`s, timed for the dump statistics.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use images_format::PagesAt;

use crate::error::WriteImageError;
use crate::memory::PageSink;

/// Page stores into one pages file, with the time spent in them.
pub struct PagesOut<'a> {
    at: PagesAt<'a>,
    /// Nanoseconds spent storing pages.
    spent_ns: AtomicU64,
}

impl<'a> PagesOut<'a> {
    pub fn new(at: PagesAt<'a>) -> PagesOut<'a> {
        PagesOut {
            at,
            spent_ns: AtomicU64::new(0),
        }
    }

    /// Time spent storing pages.
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
}

impl PageSink for PagesOut<'_> {
    fn write(&self, index: u64, parts: &[&[u8]]) -> Result<(), WriteImageError> {
        self.timed(|| {
            self.at
                .write_at(index, parts)
                .map_err(WriteImageError::from_format)
        })
    }
}
