//! Page contents. Private anonymous memory (heap, stacks, anonymous mappings: nearly all of a
//! large process) is filled with `UFFDIO_COPY` through a userfaultfd the restored process
//! creates and hmcr borrows: the kernel allocates each page and copies the bytes in from a
//! read-only window of the pages file mapped in hmcr, without the page fault and the zeroing
//! that a write into fresh memory costs. Everything else (and everything, where userfaultfd is
//! not available) is read by the restored process itself with a remote `preadv` from the pages
//! file straight to the target addresses (the file is raw and page aligned). Either way hmcr's
//! memory use is bounded by one window, whatever the size of the image. Zero runs need nothing:
//! fresh anonymous memory is zero. A separate thread checks the CRC of every stored run
//! meanwhile; the tree is released only if all are good.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::thread::JoinHandle;

use images_format::proto::mm::{Vma, VmaKind};
use images_format::proto::pagemap::PageRunKind;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use linux_sys::userfault::{self, FileWindow, Userfault};
use thiserror::Error;

use crate::native::images::{pages_data_offset, ProcessImage};
use crate::native::memory::{MapMemoryError, Target, SCRATCH_DATA};
use crate::native::plan::{Plan, SCRATCH_LEN};

/// Most iovecs per `preadv` (the kernel's UIO_MAXIOV, and what fits in the scratch data area).
const MAX_IOV: usize = 1024;
/// Most bytes per `preadv` (the kernel caps one read at 2 GiB - 4 KiB).
const MAX_BATCH: u64 = 1 << 30;
const _: () = assert!(SCRATCH_DATA + 16 * MAX_IOV as u64 + 16 * 1024 <= SCRATCH_LEN);
/// The iovec array goes after the area other steps use.
const IOV_OFFSET: u64 = 16 * 1024;
/// Most bytes of the pages file mapped in hmcr at once for `UFFDIO_COPY` (they count in hmcr's
/// resident set while mapped).
const COPY_WINDOW: u64 = 16 << 20;
/// The same for the CRC checker.
const VERIFY_WINDOW: u64 = 16 << 20;

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
    #[error("process {pid}: mapping {len} bytes of the pages file at offset {offset} to copy them: {source}")]
    Window {
        pid: u32,
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
}

#[derive(Debug, Error)]
pub enum VerifyPagesError {
    #[error("pages file {file}: the run of {pages} pages for process {pid} at {addr:#x} is corrupt (CRC-32 stored {stored:#010x}, computed {computed:#010x}); the image was damaged after the dump, use a good copy")]
    Crc {
        file: PathBuf,
        pid: u32,
        addr: u64,
        pages: u64,
        stored: u32,
        computed: u32,
    },
    #[error("reading pages file {file} to check it: {source}")]
    Io {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("the page checker thread stopped unexpectedly")]
    Thread,
}

/// One stored run: target address, length, file offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Chunk {
    addr: u64,
    len: u64,
    offset: u64,
}

fn stored_chunks(image: &ProcessImage, page_size: u64) -> Vec<Chunk> {
    image
        .runs
        .iter()
        .filter(|r| r.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_STORED)
        .map(|r| Chunk {
            addr: r.vaddr,
            len: r.nr_pages * page_size,
            offset: pages_data_offset(image.pages_base, page_size, r.page_index),
        })
        .collect()
}

/// Groups chunks into batches (`preadv` calls, copy windows): consecutive in the file, at most
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
            cur.push(Chunk {
                addr: c.addr,
                len: take,
                offset: c.offset,
            });
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
/// `UFFDIO_COPY` when the kernel allows it, the rest with remote `preadv` calls.
pub(crate) fn fill(
    t: &mut Target,
    image: &ProcessImage,
    page_size: u64,
    pages_fd: i32,
    progress: &Progress,
) -> Result<(), FillPagesError> {
    let chunks = stored_chunks(image, page_size);
    let anon: Vec<&Vma> = image.vmas.iter().filter(|v| is_private_anon(v)).collect();
    let rest = match Copier::open(t, &anon, &chunks) {
        Some(copier) => {
            let (fast, rest): (Vec<Chunk>, Vec<Chunk>) =
                chunks.into_iter().partition(|c| copier.covers(c));
            let copied = copier.copy_all(t.pid.as_u32(), &fast, pages_fd, progress);
            let ended = copier.finish(t.pid.as_u32());
            copied?;
            ended?;
            rest
        }
        None => chunks,
    };
    read_remotely(t, &rest, pages_fd, progress)
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

    /// Copies `chunks` (all covered) through windows of the pages file of at most
    /// [`COPY_WINDOW`] bytes, each spanning chunks that follow each other in the file.
    fn copy_all(
        &self,
        pid: u32,
        chunks: &[Chunk],
        pages_fd: i32,
        progress: &Progress,
    ) -> Result<(), FillPagesError> {
        for window in batches(chunks, usize::MAX, COPY_WINDOW) {
            let start = window[0].offset;
            let len: u64 = window.iter().map(|c| c.len).sum();
            let mapped = FileWindow::map(pages_fd, start, len as usize).map_err(|source| {
                FillPagesError::Window {
                    pid,
                    offset: start,
                    len,
                    source,
                }
            })?;
            let bytes = mapped.bytes();
            for c in &window {
                let from = (c.offset - start) as usize;
                self.uffd
                    .copy(c.addr, &bytes[from..from + c.len as usize])
                    .map_err(|source| FillPagesError::Copy {
                        pid,
                        addr: c.addr,
                        end: c.addr + c.len,
                        source,
                    })?;
            }
            progress.inc(len);
        }
        Ok(())
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

/// One stored run to check: address, pages, file offset, stored CRC.
type RunCheck = (u64, u64, u64, u32);
/// Per process: pid, pages file, runs.
type FileCheck = (u32, PathBuf, Vec<RunCheck>);

/// The concurrent CRC checker.
pub(crate) struct Verifier {
    handle: JoinHandle<Result<(), VerifyPagesError>>,
}

impl Verifier {
    pub fn start(plan: &Plan) -> Verifier {
        let page_size = plan.page_size;
        let work: Vec<FileCheck> = plan
            .processes
            .iter()
            .filter_map(|p| {
                let file = p.image.pages_file.clone()?;
                let runs = p
                    .image
                    .runs
                    .iter()
                    .filter(|r| r.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_STORED)
                    .map(|r| {
                        (
                            r.vaddr,
                            r.nr_pages,
                            pages_data_offset(p.image.pages_base, page_size, r.page_index),
                            r.crc32,
                        )
                    })
                    .collect();
                Some((p.orig.as_u32(), file, runs))
            })
            .collect();
        let handle = std::thread::spawn(move || {
            for (pid, file, runs) in work {
                let f = File::open(&file).map_err(|source| VerifyPagesError::Io {
                    file: file.clone(),
                    source,
                })?;
                for (addr, pages, offset, stored) in runs {
                    let mut h = crc32fast::Hasher::new();
                    let mut left = pages * page_size;
                    let mut off = offset;
                    // Straight from the page cache through a mapping: no copy. The plan checked
                    // that every run lies inside the file.
                    while left > 0 {
                        let n = left.min(VERIFY_WINDOW);
                        let window =
                            FileWindow::map(f.as_raw_fd(), off, n as usize).map_err(|source| {
                                VerifyPagesError::Io {
                                    file: file.clone(),
                                    source,
                                }
                            })?;
                        h.update(window.bytes());
                        left -= n;
                        off += n;
                    }
                    let computed = h.finalize();
                    if computed != stored {
                        return Err(VerifyPagesError::Crc {
                            file,
                            pid,
                            addr,
                            pages,
                            stored,
                            computed,
                        });
                    }
                }
            }
            Ok(())
        });
        Verifier { handle }
    }

    pub fn finish(self) -> Result<(), VerifyPagesError> {
        self.handle.join().map_err(|_| VerifyPagesError::Thread)?
    }
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
        let c = |addr, len, offset| Chunk { addr, len, offset };
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
}
