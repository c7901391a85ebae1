//! Page contents. Private anonymous memory (heap, stacks, anonymous mappings: nearly all of a
//! large process) is filled with `UFFDIO_COPY` through a userfaultfd the restored process
//! creates and hmcr borrows: the kernel allocates each page and copies the bytes in, without the
//! page fault and the zeroing that a write into fresh memory costs. Everything else (and
//! everything, where userfaultfd is not available) is read by the restored process itself with a
//! remote `preadv` from the pages file straight to the target addresses (the file is raw and page
//! aligned). Zero runs need nothing: fresh anonymous memory is zero.
//!
//! The copy is split over worker threads (one per CPU, the calling thread included), each taking
//! units of the pages file in turn: it reads a step into its own small buffer, adds it to the
//! CRC-32 of its run and copies it into the target while it is still in the CPU cache, so every
//! byte is read from the pages file once. Runs that the restored process reads itself are read
//! by the workers only for their CRC, meanwhile. The process's pages are all checked before
//! `fill` returns, so a tree is released only when all are good. hmcr's memory use is one buffer
//! per worker, whatever the size of the image.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use images_format::proto::mm::{Vma, VmaKind};
use images_format::proto::pagemap::PageRunKind;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use linux_sys::userfault::{self, FileWindow, Userfault};
use thiserror::Error;

use crate::native::images::{pages_data_offset, ProcessImage};
use crate::native::memory::{MapMemoryError, Target, SCRATCH_DATA};
use crate::native::plan::SCRATCH_LEN;

/// Most iovecs per `preadv` (the kernel's UIO_MAXIOV, and what fits in the scratch data area).
const MAX_IOV: usize = 1024;
/// Most bytes per `preadv` (the kernel caps one read at 2 GiB - 4 KiB).
const MAX_BATCH: u64 = 1 << 30;
const _: () = assert!(SCRATCH_DATA + 16 * MAX_IOV as u64 + 16 * 1024 <= SCRATCH_LEN);
/// The iovec array goes after the area other steps use.
const IOV_OFFSET: u64 = 16 * 1024;
/// Bytes of the pages file a worker takes at a time: two page tables' worth of the target, so
/// that two workers seldom contend for one page-table lock.
const UNIT: u64 = 4 << 20;
/// Bytes a worker checks and then copies at a time: the copy finds them in the core's L2
/// cache, where the CRC left them.
const STEP: usize = 256 << 10;
/// Most worker threads, the calling thread included.
const MAX_WORKERS: usize = 4;

#[derive(Debug, Error)]
pub enum FillPagesError {
    #[error("process {pid}: reading pages into {addr:#x}..{end:#x} from the pages file: {source}")]
    Read {
        pid: u32,
        addr: u64,
        end: u64,
        source: Box<MapMemoryError>,
    },
    #[error("process {pid}: copying pages into {addr:#x}..{end:#x} with userfaultfd: {source}")]
    Copy {
        pid: u32,
        addr: u64,
        end: u64,
        source: std::io::Error,
    },
    #[error("process {pid}: mapping {len} bytes of its pages file {file} at offset {offset} to copy them: {source}")]
    Window {
        pid: u32,
        file: PathBuf,
        offset: u64,
        len: u64,
        source: std::io::Error,
    },
    #[error(
        "process {pid}: ending the userfaultfd registration of {start:#x}..{end:#x}: {source}"
    )]
    Unregister {
        pid: u32,
        start: u64,
        end: u64,
        source: std::io::Error,
    },
    #[error("process {pid}: the pages file is shorter than its pagemap says (read {got} of {want} bytes at file offset {offset}); the image is truncated")]
    Short {
        pid: u32,
        offset: u64,
        want: u64,
        got: u64,
    },
    #[error("pages file {file}: the run of {pages} pages for process {pid} at {addr:#x} is corrupt (CRC-32 stored {stored:#010x}, computed {computed:#010x}); the image was damaged after the dump, use a good copy")]
    Corrupt {
        file: PathBuf,
        pid: u32,
        addr: u64,
        pages: u64,
        stored: u32,
        computed: u32,
    },
    #[error(
        "process {pid}: a page copy thread stopped unexpectedly (a bug in hmcr; please report it)"
    )]
    Worker { pid: u32 },
}

/// One stored run of the pagemap: target address, length, file offset, CRC-32.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct StoredRun {
    addr: u64,
    len: u64,
    offset: u64,
    crc32: u32,
}

fn stored_runs(image: &ProcessImage, page_size: u64) -> Vec<StoredRun> {
    image
        .runs
        .iter()
        .filter(|r| r.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_STORED)
        .map(|r| StoredRun {
            addr: r.vaddr,
            len: r.nr_pages * page_size,
            offset: pages_data_offset(image.pages_base, page_size, r.page_index),
            crc32: r.crc32,
        })
        .collect()
}

/// A stored run or a piece of one: target address, length, file offset, index of the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Chunk {
    addr: u64,
    len: u64,
    offset: u64,
    run: usize,
}

/// One chunk per run, whole.
fn whole_runs(runs: &[StoredRun]) -> Vec<Chunk> {
    runs.iter()
        .enumerate()
        .map(|(run, r)| Chunk {
            addr: r.addr,
            len: r.len,
            offset: r.offset,
            run,
        })
        .collect()
}

/// Groups chunks into batches (`preadv` calls, work units): consecutive in the file, at most
/// `max_iov` chunks and `max_bytes` bytes each. Large chunks are split.
fn batches(chunks: &[Chunk], max_iov: usize, max_bytes: u64) -> Vec<Vec<Chunk>> {
    let mut out: Vec<Vec<Chunk>> = Vec::new();
    let mut cur: Vec<Chunk> = Vec::new();
    let mut cur_bytes = 0u64;
    for c in chunks {
        let mut c = *c;
        while c.len > 0 {
            let contiguous = cur.last().is_some_and(|l| l.offset + l.len == c.offset);
            if !cur.is_empty() && (!contiguous || cur.len() == max_iov || cur_bytes == max_bytes) {
                out.push(std::mem::take(&mut cur));
                cur_bytes = 0;
            }
            let take = c.len.min(max_bytes - cur_bytes);
            cur.push(Chunk { len: take, ..c });
            cur_bytes += take;
            c.addr += take;
            c.offset += take;
            c.len -= take;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Fills every stored page of `image` in the traced process: private anonymous memory with
/// `UFFDIO_COPY` when the kernel allows it, the rest with remote `preadv` calls; with `verify`,
/// checks the CRC-32 of every stored run on the way.
pub(crate) fn fill(
    t: &mut Target,
    image: &ProcessImage,
    page_size: u64,
    pages_fd: i32,
    verify: bool,
    progress: &Progress,
) -> Result<(), FillPagesError> {
    let pid = t.pid.as_u32();
    let runs = stored_runs(image, page_size);
    let chunks = whole_runs(&runs);
    let anon: Vec<&Vma> = image.vmas.iter().filter(|v| is_private_anon(v)).collect();
    let copier = Copier::open(t, &anon, &chunks);
    let (fast, rest): (Vec<Chunk>, Vec<Chunk>) = match &copier {
        Some(c) => chunks.into_iter().partition(|ch| c.covers(ch)),
        None => (Vec::new(), chunks),
    };
    let uffd = copier.as_ref().map(|c| &c.uffd);
    let mut units: Vec<Unit> = batches(&fast, usize::MAX, UNIT)
        .into_iter()
        .map(|chunks| Unit { chunks, into: uffd })
        .collect();
    if verify {
        units.extend(
            batches(&rest, usize::MAX, UNIT)
                .into_iter()
                .map(|chunks| Unit { chunks, into: None }),
        );
    }
    let file = image.pages_file.clone().unwrap_or_default();
    let pool = Pool {
        units,
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        pages_fd,
        verify,
        progress,
        pid,
        file: &file,
    };

    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_WORKERS)
        .min(pool.units.len().max(1));
    let (remote, worked) = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..workers).map(|_| s.spawn(|| pool.work())).collect();
        // ptrace requests come from the tracing thread only: this one.
        let remote = read_remotely(t, &rest, pages_fd, progress);
        if remote.is_err() {
            pool.stop.store(true, Ordering::Relaxed);
        }
        let mut worked = vec![pool.work()];
        for h in helpers {
            worked.push(h.join().unwrap_or(Err(FillPagesError::Worker { pid })));
        }
        (remote, worked)
    });
    let ended = copier.map_or(Ok(()), |c| c.finish(pid));
    remote?;
    let mut pieces = Vec::new();
    for w in worked {
        pieces.extend(w?);
    }
    ended?;
    if verify {
        if let Some(bad) = check_runs(&runs, pieces) {
            let r = runs[bad.run];
            return Err(FillPagesError::Corrupt {
                file,
                pid,
                addr: r.addr,
                pages: r.len / page_size,
                stored: r.crc32,
                computed: bad.computed,
            });
        }
    }
    Ok(())
}

/// Heap, stacks and private anonymous mappings: memory userfaultfd can fill.
fn is_private_anon(v: &Vma) -> bool {
    matches!(
        v.kind.enum_value_or_default(),
        VmaKind::VMA_ANON_PRIVATE | VmaKind::VMA_HEAP | VmaKind::VMA_STACK
    ) && v.flags & libc::MAP_SHARED as u32 == 0
}

/// A userfaultfd of the restored process, with the anonymous VMAs that hold stored pages
/// registered.
struct Copier {
    uffd: Userfault,
    registered: Vec<(u64, u64)>,
}

impl Copier {
    /// Creates the userfaultfd in the target, borrows it and registers the VMAs; `None` when
    /// any of that is not possible here (old kernel, userfaultfd disabled), so that the caller
    /// reads everything with `preadv` instead.
    fn open(t: &mut Target, anon: &[&Vma], chunks: &[Chunk]) -> Option<Copier> {
        let wanted: Vec<(u64, u64)> = anon
            .iter()
            .filter(|v| chunks.iter().any(|c| c.addr >= v.start && c.addr < v.end))
            .map(|v| (v.start, v.end))
            .collect();
        if wanted.is_empty() {
            return None;
        }
        let flags = (libc::O_CLOEXEC | libc::O_NONBLOCK) as u64;
        let remote_fd = t
            .call(libc::SYS_userfaultfd, &[flags], || "userfaultfd".into())
            .ok()?;
        let fetched = userfault::fetch_fd(t.pid, remote_fd as i32);
        // The target's own copy is not needed: ours keeps the userfaultfd alive.
        let _ = t.call(libc::SYS_close, &[remote_fd], || {
            "close(userfaultfd)".into()
        });
        let uffd = Userfault::new(fetched.ok()?).ok()?;
        let mut registered = Vec::new();
        for (start, end) in wanted {
            if uffd.register_missing(start, end - start).is_ok() {
                registered.push((start, end));
            }
        }
        Some(Copier { uffd, registered })
    }

    fn covers(&self, c: &Chunk) -> bool {
        self.registered
            .iter()
            .any(|&(s, e)| c.addr >= s && c.addr + c.len <= e)
    }

    /// Ends the registrations (the VMAs are plain anonymous memory again); the userfaultfd
    /// closes when `self` goes.
    fn finish(self, pid: u32) -> Result<(), FillPagesError> {
        for &(start, end) in &self.registered {
            self.uffd.unregister(start, end - start).map_err(|source| {
                FillPagesError::Unregister {
                    pid,
                    start,
                    end,
                    source,
                }
            })?;
        }
        Ok(())
    }
}

/// A work unit: chunks that follow each other in the pages file, to copy into the target
/// through a userfaultfd (and check), or only to check (`into` is `None`).
struct Unit<'a> {
    chunks: Vec<Chunk>,
    into: Option<&'a Userfault>,
}

/// The CRC-32 of a piece of a run, computed by one worker.
struct Piece {
    run: usize,
    offset: u64,
    len: u64,
    crc: crc32fast::Hasher,
}

/// The units of one process and what the workers share.
struct Pool<'a> {
    units: Vec<Unit<'a>>,
    next: AtomicUsize,
    /// Set by the first worker that fails (or by a failed remote read): the others stop.
    stop: AtomicBool,
    pages_fd: i32,
    verify: bool,
    progress: &'a Progress,
    pid: u32,
    file: &'a PathBuf,
}

impl Pool<'_> {
    /// Takes units until there are none left or a worker failed; returns the CRCs of the pieces
    /// done.
    fn work(&self) -> Result<Vec<Piece>, FillPagesError> {
        let mut pieces = Vec::new();
        while !self.stop.load(Ordering::Relaxed) {
            let Some(unit) = self.units.get(self.next.fetch_add(1, Ordering::Relaxed)) else {
                break;
            };
            if let Err(e) = self.unit(unit, &mut pieces) {
                self.stop.store(true, Ordering::Relaxed);
                return Err(e);
            }
        }
        Ok(pieces)
    }

    fn unit(&self, unit: &Unit, pieces: &mut Vec<Piece>) -> Result<(), FillPagesError> {
        let start = unit.chunks[0].offset;
        let len: u64 = unit.chunks.iter().map(|c| c.len).sum();
        let mapped = FileWindow::map(self.pages_fd, start, len as usize).map_err(|source| {
            FillPagesError::Window {
                pid: self.pid,
                file: self.file.clone(),
                offset: start,
                len,
                source,
            }
        })?;
        let bytes = mapped.bytes();
        for c in &unit.chunks {
            let mut crc = crc32fast::Hasher::new();
            let mut done = 0u64;
            while done < c.len {
                let want = (c.len - done).min(STEP as u64);
                let from = (c.offset + done - start) as usize;
                let step = &bytes[from..from + want as usize];
                if self.verify {
                    crc.update(step);
                }
                if let Some(uffd) = unit.into {
                    let addr = c.addr + done;
                    uffd.copy(addr, step)
                        .map_err(|source| FillPagesError::Copy {
                            pid: self.pid,
                            addr,
                            end: addr + want,
                            source,
                        })?;
                }
                done += want;
            }
            if self.verify {
                pieces.push(Piece {
                    run: c.run,
                    offset: c.offset,
                    len: c.len,
                    crc,
                });
            }
            if unit.into.is_some() {
                self.progress.inc(c.len);
            }
        }
        Ok(())
    }
}

/// A run whose pieces do not add up to its stored CRC.
#[derive(Debug, PartialEq, Eq)]
struct BadRun {
    run: usize,
    computed: u32,
}

/// Combines the CRCs of the pieces of every run, in file order, and compares them with the
/// stored ones; a run not wholly covered by its pieces counts as bad too.
fn check_runs(runs: &[StoredRun], mut pieces: Vec<Piece>) -> Option<BadRun> {
    pieces.sort_by_key(|p| (p.run, p.offset));
    let mut pieces = pieces.into_iter().peekable();
    for (run, r) in runs.iter().enumerate() {
        let mut crc = crc32fast::Hasher::new();
        let mut at = r.offset;
        let mut whole = true;
        while let Some(p) = pieces.next_if(|p| p.run == run) {
            whole &= p.offset == at;
            crc.combine(&p.crc);
            at = p.offset + p.len;
        }
        let computed = crc.finalize();
        if !whole || at != r.offset + r.len || computed != r.crc32 {
            return Some(BadRun { run, computed });
        }
    }
    None
}

/// Fills `chunks` in the traced process with remote `preadv` calls.
fn read_remotely(
    t: &mut Target,
    chunks: &[Chunk],
    pages_fd: i32,
    progress: &Progress,
) -> Result<(), FillPagesError> {
    let pid = t.pid.as_u32();
    for batch in batches(chunks, MAX_IOV, MAX_BATCH) {
        let iov: Vec<u8> = batch
            .iter()
            .flat_map(|c| c.addr.to_ne_bytes().into_iter().chain(c.len.to_ne_bytes()))
            .collect();
        let first = batch[0];
        let want: u64 = batch.iter().map(|c| c.len).sum();
        let last = batch[batch.len() - 1];
        let wrap = |e: MapMemoryError| FillPagesError::Read {
            pid,
            addr: first.addr,
            end: last.addr + last.len,
            source: Box::new(e),
        };
        let iov_addr = t.put(IOV_OFFSET, &iov).map_err(wrap)?;
        let got = t
            .call(
                libc::SYS_preadv,
                &[
                    pages_fd as u64,
                    iov_addr,
                    batch.len() as u64,
                    first.offset,
                    0,
                ],
                || "preadv".into(),
            )
            .map_err(wrap)?;
        if got != want {
            return Err(FillPagesError::Short {
                pid,
                offset: first.offset,
                want,
                got,
            });
        }
        progress.inc(want);
    }
    Ok(())
}

/// The optional progress bar over restored bytes (hidden unless asked for and worth it).
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(enabled: bool, total: u64) -> Progress {
        if !enabled || total < (64 << 20) {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "restoring memory {bar:40} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec})",
        ) {
            bar.set_style(style);
        }
        Progress { bar: Some(bar) }
    }

    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_follow_file_contiguity_and_limits() {
        let c = |addr, len, offset| Chunk {
            addr,
            len,
            offset,
            run: 0,
        };
        let chunks = [
            c(0x1000, 0x2000, 0),
            c(0x9000, 0x1000, 0x2000),
            c(0x20000, 0x1000, 0x5000),
        ];
        let b = batches(&chunks, MAX_IOV, MAX_BATCH);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].len(), 2);
        assert_eq!(b[1], vec![c(0x20000, 0x1000, 0x5000)]);
        let big = [c(0x1000_0000, 3 * MAX_BATCH / 2, 0)];
        let b = batches(&big, MAX_IOV, MAX_BATCH);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0][0].len, MAX_BATCH);
        assert_eq!(b[1][0].offset, MAX_BATCH);
        let many: Vec<Chunk> = (0..(MAX_IOV as u64 + 5))
            .map(|i| c(i * 0x2000, 0x1000, i * 0x1000))
            .collect();
        let b = batches(&many, MAX_IOV, MAX_BATCH);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].len(), MAX_IOV);
    }

    /// Splits two runs of `data` into pieces (as the workers get them), hashes each piece.
    fn hashed_pieces(data: &[u8], runs: &[StoredRun], unit: u64) -> Vec<Piece> {
        batches(&whole_runs(runs), usize::MAX, unit)
            .into_iter()
            .flatten()
            .map(|c| {
                let mut crc = crc32fast::Hasher::new();
                crc.update(&data[c.offset as usize..(c.offset + c.len) as usize]);
                Piece {
                    run: c.run,
                    offset: c.offset,
                    len: c.len,
                    crc,
                }
            })
            .collect()
    }

    #[test]
    fn run_checks_combine_pieces_in_any_order() {
        let data: Vec<u8> = (0..3000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        let run = |offset: u64, len: u64| StoredRun {
            addr: 0x10000 + offset,
            len,
            offset,
            crc32: crc32fast::hash(&data[offset as usize..(offset + len) as usize]),
        };
        let runs = [run(0, 1000), run(1000, 2000)];
        let mut pieces = hashed_pieces(&data, &runs, 300);
        assert!(pieces.len() > 6, "the runs must be split for this test");
        pieces.reverse();
        pieces.swap(1, 4);
        assert_eq!(check_runs(&runs, pieces), None);

        let mut bad = data.clone();
        bad[1500] ^= 0x40;
        let pieces = hashed_pieces(&bad, &runs, 300);
        let found = check_runs(&runs, pieces).map(|b| b.run);
        assert_eq!(found, Some(1), "a flipped byte in the second run");

        let mut pieces = hashed_pieces(&data, &runs, 300);
        pieces.remove(2);
        assert_eq!(
            check_runs(&runs, pieces).map(|b| b.run),
            Some(0),
            "a piece of the first run never checked"
        );
    }
}
