//! The memory of a frozen process: its VMAs (from smaps, with file identities) and the contents of
//! its present pages, streamed to the pages file in large `process_vm_readv` batches.
//!
//! Only pages the pagemap reports present or swapped are read; pages of private file mappings
//! that still are the file's pages are skipped (the file has them); all-zero pages become ZERO
//! runs and are not stored. Memory use is bounded by a few batch buffers whatever the process
//! size.
//!
//! The calling thread walks the pagemap and hands out batches; two workers read, classify,
//! checksum and store them, so reading and storing run on both cores. Each worker appends to a
//! pages file of its own: on tmpfs (where images usually go) `write` holds the file's lock for
//! the whole copy and allocation of the new pages, the largest cost of a dump, so two writers
//! into one file would take turns. A worker takes batches in address order, so each pages file
//! holds its pages in address order; the page runs say which file holds them.

use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TryRecvError};
use std::sync::{Arc, Mutex};

use images_format::proto::common::FileRef;
use images_format::proto::mm::{Vma, VmaKind};
use images_format::proto::pagemap::{PageRun, PageRunKind};
use linux_sys::pid::Pid;
use linux_sys::process_vm::{self, RemoteRange};
use protobuf::MessageField;

use crate::error::{MemoryDumpError, WriteImageError};
use crate::pagemap_entry::{self, PagemapEntry};
use crate::proc_maps::{self, MapEntry};

pub const PAGE_SIZE: usize = 4096;
/// Pages per `process_vm_readv` batch (4 MiB).
const BATCH_PAGES: usize = 1024;
/// Pagemap entries read per `pread` (covers 256 MiB of address space).
const PAGEMAP_CHUNK: usize = 64 * 1024;
/// Page dump workers, each with a pages file of its own (one per core of a usual small host).
pub const WORKERS: usize = 2;

/// Where one worker's page contents go: whole pages, at page indices of its pages file that it
/// assigned itself (consecutive within one call, and following the previous call).
pub trait PageSink: Sync {
    /// Writes `parts` (whole pages, back to back) from page `index` on.
    fn write(&self, index: u64, parts: &[&[u8]]) -> Result<(), WriteImageError>;
}

/// Page counters of one process.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageCounts {
    pub scanned: u64,
    pub written: u64,
    pub zero: u64,
    /// Pages stored in each worker's pages file (they sum to `written`).
    pub per_file: Vec<u64>,
}

/// Classifies a mapping.
pub fn vma_kind(m: &MapEntry) -> VmaKind {
    match m.name.as_str() {
        "[heap]" => return VmaKind::VMA_HEAP,
        "[stack]" => return VmaKind::VMA_STACK,
        "[vdso]" => return VmaKind::VMA_VDSO,
        "[vvar]" | "[vvar_vclock]" => return VmaKind::VMA_VVAR,
        "[vsyscall]" => return VmaKind::VMA_VSYSCALL,
        _ => {}
    }
    if is_shmem(m) {
        return VmaKind::VMA_ANON_SHARED;
    }
    match (m.inode != 0, m.shared) {
        (true, true) => VmaKind::VMA_FILE_SHARED,
        (true, false) => VmaKind::VMA_FILE_PRIVATE,
        (false, true) => VmaKind::VMA_ANON_SHARED,
        (false, false) => VmaKind::VMA_ANON_PRIVATE,
    }
}

/// Shared anonymous memory: MAP_SHARED|MAP_ANONYMOUS shows as "/dev/zero (deleted)", SysV shm as
/// "/SYSV<key> (deleted)".
fn is_shmem(m: &MapEntry) -> bool {
    m.shared
        && (m.name == "/dev/zero (deleted)"
            || (m.name.starts_with("/SYSV") && m.name.ends_with(" (deleted)")))
}

/// Identity of the file behind a mapping, from `/proc/PID/map_files/` (works for deleted files).
fn file_ref(pid: Pid, m: &MapEntry) -> Option<FileRef> {
    if m.inode == 0 || m.name.starts_with('[') {
        return None;
    }
    let (path, deleted) = m.path();
    let mut f = FileRef::new();
    f.path = path.to_string();
    f.deleted = deleted;
    f.ino = m.inode;
    f.dev = libc::makedev(m.dev_major, m.dev_minor);
    if let Ok(md) = std::fs::metadata(format!("/proc/{pid}/map_files/{:x}-{:x}", m.start, m.end)) {
        f.dev = md.dev();
        f.ino = md.ino();
        f.size = md.size();
        f.mtime_ns = md.mtime().saturating_mul(1_000_000_000) + md.mtime_nsec();
        f.mode = md.mode();
    }
    Some(f)
}

/// Builds the image record of a mapping.
pub fn vma_record(pid: Pid, m: &MapEntry) -> Vma {
    let kind = vma_kind(m);
    let mut v = Vma::new();
    v.start = m.start;
    v.end = m.end;
    v.prot = m.prot();
    let mut flags = if m.shared {
        libc::MAP_SHARED
    } else {
        libc::MAP_PRIVATE
    } as u32;
    if m.inode == 0 || kind == VmaKind::VMA_ANON_SHARED {
        flags |= libc::MAP_ANONYMOUS as u32;
    }
    if m.has_flag("gd") {
        flags |= libc::MAP_GROWSDOWN as u32;
    }
    // VM_NORESERVE is part of what the kernel compares before merging neighbours: a mapping
    // recreated without it can merge with an adjacent anonymous one and lose its own start.
    if m.has_flag("nr") {
        flags |= libc::MAP_NORESERVE as u32;
    }
    v.flags = flags;
    v.kind = kind.into();
    v.pgoff = m.offset;
    v.name = m.name.clone();
    if kind == VmaKind::VMA_ANON_SHARED {
        v.shmem_id = Some(m.inode);
    } else if let Some(f) = file_ref(pid, m) {
        v.file = MessageField::some(f);
    }
    v.vm_flags = proc_maps::vm_flag_bits(&m.vm_flags);
    v.vm_flag_names = m.vm_flags.clone();
    v
}

/// Whether the contents of a mapping belong in the image, and if so whether only the private
/// (copied-on-write) pages do.
pub fn content_policy(m: &MapEntry) -> Option<bool> {
    match vma_kind(m) {
        VmaKind::VMA_VVAR | VmaKind::VMA_VSYSCALL => None,
        // Shared file mappings: the kernel writes dirty pages back to the file itself.
        VmaKind::VMA_FILE_SHARED => None,
        _ if m.has_flag("io") || m.has_flag("pf") => None,
        VmaKind::VMA_FILE_PRIVATE => Some(true),
        _ => Some(false),
    }
}

fn is_zero_page(page: &[u8]) -> bool {
    page.chunks_exact(64)
        .all(|c| c.iter().fold(0u8, |a, b| a | b) == 0)
}

/// Builds page runs: ZERO runs merge with neighbours; STORED runs come whole from a worker.
#[derive(Default)]
struct RunBuilder {
    runs: Vec<PageRun>,
    /// The last run ended at a VMA boundary and must not grow.
    sealed: bool,
}

impl RunBuilder {
    fn push_zero(&mut self, vaddr: u64, nr_pages: u64) {
        if let Some(last) = self.runs.last_mut().filter(|_| !self.sealed) {
            let contiguous = last.vaddr + last.nr_pages * PAGE_SIZE as u64 == vaddr;
            if contiguous && last.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_ZERO {
                last.nr_pages += nr_pages;
                return;
            }
        }
        let mut run = PageRun::new();
        run.vaddr = vaddr;
        run.nr_pages = nr_pages;
        run.kind = PageRunKind::PAGE_RUN_ZERO.into();
        self.push(run);
    }

    /// A STORED run at `(pages file, page index)`.
    fn push_stored(&mut self, vaddr: u64, nr_pages: u64, at: (u32, u64), crc32: u32) {
        let mut run = PageRun::new();
        run.vaddr = vaddr;
        run.nr_pages = nr_pages;
        run.kind = PageRunKind::PAGE_RUN_STORED.into();
        run.pages_file = at.0;
        run.page_index = at.1;
        run.crc32 = crc32;
        self.push(run);
    }

    /// Appends a run of another builder: ZERO runs merge, others are kept whole.
    fn push_run(&mut self, run: PageRun) {
        if run.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_ZERO {
            self.push_zero(run.vaddr, run.nr_pages);
        } else {
            self.push(run);
        }
    }

    fn push(&mut self, run: PageRun) {
        self.runs.push(run);
        self.sealed = false;
    }

    /// Ends the current run (at a VMA boundary): the next page starts a new run.
    fn close(&mut self) {
        self.sealed = true;
    }
}

/// One batch of present pages of one mapping, in address order, for a worker to read, classify
/// and store. `seq` orders batches (the runs are put together in that order).
struct Job {
    seq: u64,
    vma: usize,
    readable: bool,
    pages: Vec<u64>,
}

/// What a worker made of a batch: its runs (ZERO runs merged inside the batch) and counters.
struct Done {
    seq: u64,
    vma: usize,
    runs: Vec<PageRun>,
    written: u64,
    zero: u64,
}

/// A worker: reads, classifies, checksums and appends batches to its own pages file until the
/// job channel closes.
struct Worker<'a> {
    pid: Pid,
    /// Which pages file of the process this worker owns (`PageRun.pages_file`).
    file: u32,
    sink: &'a dyn PageSink,
    /// Pages appended to the worker's file so far: the index the next stored page gets.
    next_index: u64,
    buf: Vec<u8>,
    mem: Option<File>,
}

impl Worker<'_> {
    /// Returns the number of pages the worker stored.
    fn run(
        mut self,
        jobs: &Mutex<Receiver<Job>>,
        done: &Sender<Result<Done, MemoryDumpError>>,
    ) -> u64 {
        loop {
            let next = match jobs.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => break,
            };
            let Ok(job) = next else { break };
            let r = self.batch(&job);
            let failed = r.is_err();
            if done.send(r).is_err() || failed {
                break;
            }
        }
        self.next_index
    }

    /// One batch: read, classify page by page (each group of neighbouring non-zero pages is
    /// checksummed and becomes one STORED run), append the stored pages to the worker's file.
    fn batch(&mut self, job: &Job) -> Result<Done, MemoryDumpError> {
        self.read(job)?;
        let n = job.pages.len();
        let page = |i: usize| &self.buf[i * PAGE_SIZE..(i + 1) * PAGE_SIZE];
        let first_index = self.next_index;
        let mut index = first_index;
        let mut runs = RunBuilder::default();
        let mut parts: Vec<&[u8]> = Vec::new();
        let mut i = 0usize;
        while i < n {
            if is_zero_page(page(i)) {
                runs.push_zero(job.pages[i], 1);
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n
                && job.pages[j] == job.pages[i] + ((j - i) * PAGE_SIZE) as u64
                && !is_zero_page(page(j))
            {
                j += 1;
            }
            let group = &self.buf[i * PAGE_SIZE..j * PAGE_SIZE];
            runs.push_stored(
                job.pages[i],
                (j - i) as u64,
                (self.file, index),
                crc32fast::hash(group),
            );
            parts.push(group);
            index += (j - i) as u64;
            i = j;
        }
        let stored = index - first_index;
        if stored > 0 {
            self.sink.write(first_index, &parts)?;
            self.next_index = index;
        }
        Ok(Done {
            seq: job.seq,
            vma: job.vma,
            runs: runs.runs,
            written: stored,
            zero: n as u64 - stored,
        })
    }

    /// Reads the batch's pages into the buffer, back to back.
    fn read(&mut self, job: &Job) -> Result<(), MemoryDumpError> {
        let n = job.pages.len();
        if !job.readable {
            return self.read_via_mem(job, 0);
        }
        let ranges = coalesce(&job.pages);
        let got = process_vm::read_ranges(self.pid, &mut self.buf[..n * PAGE_SIZE], &ranges)
            .map_err(|source| MemoryDumpError::Read {
                pid: self.pid,
                addr: job.pages[0],
                len: n * PAGE_SIZE,
                source,
            })?;
        if got < n * PAGE_SIZE {
            // Some page stopped being readable (e.g. PROT_NONE set meanwhile): read the rest
            // through /proc/PID/mem, which reads regardless of protection.
            return self.read_via_mem(job, got / PAGE_SIZE);
        }
        Ok(())
    }

    fn read_via_mem(&mut self, job: &Job, from: usize) -> Result<(), MemoryDumpError> {
        let pid = self.pid;
        let mem = match &mut self.mem {
            Some(f) => f,
            none => none.insert(File::open(format!("/proc/{pid}/mem")).map_err(|source| {
                MemoryDumpError::Read {
                    pid,
                    addr: 0,
                    len: 0,
                    source,
                }
            })?),
        };
        for (i, &addr) in job.pages.iter().enumerate().skip(from) {
            mem.read_exact_at(&mut self.buf[i * PAGE_SIZE..(i + 1) * PAGE_SIZE], addr)
                .map_err(|source| MemoryDumpError::Read {
                    pid,
                    addr,
                    len: PAGE_SIZE,
                    source,
                })?;
        }
        Ok(())
    }
}

/// Dumps the contents of every mapping of `pid` that needs it into `sinks` (one pages file per
/// worker thread, each from page index 0 on). This thread walks the pagemap and hands out batches of
/// present pages; the workers read, classify, checksum and append them to their own file, so
/// both cores work and no tmpfs file lock is shared. Returns the page runs (in address order)
/// and counters; pages file `i` then holds `per_file[i]` pages, in address order. `progress`
/// gets the bytes processed so far.
pub fn dump_memory(
    pid: Pid,
    maps: &[MapEntry],
    sinks: &[&dyn PageSink],
    progress: &mut dyn FnMut(u64),
) -> Result<(Vec<PageRun>, PageCounts), MemoryDumpError> {
    let pagemap =
        File::open(format!("/proc/{pid}/pagemap")).map_err(|source| MemoryDumpError::Pagemap {
            pid,
            addr: 0,
            source,
        })?;
    let (to_workers, jobs) = mpsc::sync_channel::<Job>(2);
    let (done_tx, done_rx) = mpsc::channel::<Result<Done, MemoryDumpError>>();
    // Owned by the workers only: once both have stopped, sending a job fails instead of waiting.
    let jobs = Arc::new(Mutex::new(jobs));
    std::thread::scope(|scope| {
        let mut workers = Vec::with_capacity(sinks.len());
        for (file, &sink) in (0u32..).zip(sinks) {
            let done = done_tx.clone();
            let jobs = Arc::clone(&jobs);
            workers.push(scope.spawn(move || {
                Worker {
                    pid,
                    file,
                    sink,
                    next_index: 0,
                    buf: vec![0u8; BATCH_PAGES * PAGE_SIZE],
                    mem: None,
                }
                .run(&jobs, &done)
            }));
        }
        // Only the workers hold senders and the receiver: when both are gone, the walk and the
        // collector learn it.
        drop(done_tx);
        drop(jobs);
        let mut walk = Walk {
            pid,
            pagemap,
            to_workers: Some(to_workers),
            batch: Vec::with_capacity(BATCH_PAGES),
            sent: 0,
            scanned: 0,
            collector: Collector {
                rx: done_rx,
                waiting: BTreeMap::new(),
                next_seq: 0,
                last_vma: None,
                runs: RunBuilder::default(),
                counts: PageCounts::default(),
                progress,
            },
        };
        let walked = walk.walk(maps);
        // Close the job channel so the workers end, then collect what they still have to say.
        walk.to_workers = None;
        let collected = walk.collector.collect_until(walk.sent, true);
        let per_file = workers
            .into_iter()
            .map(|w| w.join().map_err(|_| stopped()))
            .collect::<Result<Vec<u64>, _>>()?;
        walked?;
        collected?;
        let mut c = walk.collector;
        c.runs.close();
        c.counts.scanned = walk.scanned;
        c.counts.per_file = per_file;
        Ok((c.runs.runs, c.counts))
    })
}

/// The pagemap walk: batches of present pages, sent to the workers in order.
struct Walk<'a> {
    pid: Pid,
    pagemap: File,
    to_workers: Option<SyncSender<Job>>,
    /// Addresses of the pages of the batch being gathered.
    batch: Vec<u64>,
    /// Batches sent so far (the next one's `seq`).
    sent: u64,
    scanned: u64,
    collector: Collector<'a>,
}

impl Walk<'_> {
    fn walk(&mut self, maps: &[MapEntry]) -> Result<(), MemoryDumpError> {
        let mut entries = vec![0u8; PAGEMAP_CHUNK * 8];
        for (vma, m) in maps.iter().enumerate() {
            let Some(private_file) = content_policy(m) else {
                continue;
            };
            let mut addr = m.start;
            while addr < m.end {
                let pages = (((m.end - addr) as usize) / PAGE_SIZE).min(PAGEMAP_CHUNK);
                let bytes = &mut entries[..pages * 8];
                let off = (addr / PAGE_SIZE as u64) * 8;
                self.pagemap.read_exact_at(bytes, off).map_err(|source| {
                    MemoryDumpError::Pagemap {
                        pid: self.pid,
                        addr,
                        source,
                    }
                })?;
                for (i, e) in pagemap_entry::decode(bytes).enumerate() {
                    self.scanned += 1;
                    if PagemapEntry::has_contents(e, private_file) {
                        self.batch.push(addr + (i * PAGE_SIZE) as u64);
                        if self.batch.len() == BATCH_PAGES {
                            self.send(vma, m.read)?;
                        }
                    }
                }
                addr += (pages * PAGE_SIZE) as u64;
            }
            self.send(vma, m.read)?;
        }
        Ok(())
    }

    /// Hands the gathered batch to the workers, applying what they have finished meanwhile.
    fn send(&mut self, vma: usize, readable: bool) -> Result<(), MemoryDumpError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let job = Job {
            seq: self.sent,
            vma,
            readable,
            pages: std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH_PAGES)),
        };
        let sent = self.to_workers.as_ref().map(|tx| tx.send(job));
        if !matches!(sent, Some(Ok(()))) {
            // Both workers stopped: their error is waiting in the answer channel.
            return self
                .collector
                .collect_until(self.sent, true)
                .and(Err(stopped()));
        }
        self.sent += 1;
        self.collector.collect_until(self.sent, false)
    }
}

fn stopped() -> MemoryDumpError {
    MemoryDumpError::Write(WriteImageError::Io {
        path: "pages file".into(),
        source: io::Error::other("the page workers stopped unexpectedly"),
    })
}

/// Puts the workers' results back in batch order and builds the runs from them.
struct Collector<'a> {
    rx: Receiver<Result<Done, MemoryDumpError>>,
    /// Results that arrived before an earlier batch's.
    waiting: BTreeMap<u64, Done>,
    next_seq: u64,
    last_vma: Option<usize>,
    runs: RunBuilder,
    counts: PageCounts,
    progress: &'a mut dyn FnMut(u64),
}

impl Collector<'_> {
    /// Applies results until every batch before `sent` is in (`wait`), or while some are at
    /// hand (not `wait`). The first error stops the collection.
    fn collect_until(&mut self, sent: u64, wait: bool) -> Result<(), MemoryDumpError> {
        while self.next_seq < sent {
            let got = if wait {
                self.rx.recv().map_err(|_| stopped())
            } else {
                match self.rx.try_recv() {
                    Ok(r) => Ok(r),
                    Err(TryRecvError::Empty) => return Ok(()),
                    Err(TryRecvError::Disconnected) => Err(stopped()),
                }
            };
            let done = got??;
            self.waiting.insert(done.seq, done);
            while let Some(d) = self.waiting.remove(&self.next_seq) {
                self.apply(d);
            }
        }
        Ok(())
    }

    fn apply(&mut self, d: Done) {
        if self.last_vma != Some(d.vma) {
            self.runs.close();
            self.last_vma = Some(d.vma);
        }
        for run in d.runs {
            self.runs.push_run(run);
        }
        self.counts.written += d.written;
        self.counts.zero += d.zero;
        self.next_seq += 1;
        (self.progress)((self.counts.written + self.counts.zero) * PAGE_SIZE as u64);
    }
}

/// Merges consecutive pages into ranges for `process_vm_readv`.
fn coalesce(pages: &[u64]) -> Vec<RemoteRange> {
    let mut out: Vec<RemoteRange> = Vec::new();
    for &addr in pages {
        match out.last_mut() {
            Some(r) if r.addr + r.len as u64 == addr => r.len += PAGE_SIZE,
            _ => out.push(RemoteRange {
                addr,
                len: PAGE_SIZE,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_page_detection() {
        let mut p = vec![0u8; PAGE_SIZE];
        assert!(is_zero_page(&p));
        p[PAGE_SIZE - 1] = 1;
        assert!(!is_zero_page(&p));
    }

    #[test]
    fn coalesces_neighbours() {
        let r = coalesce(&[0x1000, 0x2000, 0x4000]);
        assert_eq!(
            r,
            vec![
                RemoteRange {
                    addr: 0x1000,
                    len: 0x2000
                },
                RemoteRange {
                    addr: 0x4000,
                    len: 0x1000
                }
            ]
        );
    }

    #[test]
    fn zero_runs_merge_stored_runs_do_not() {
        let mut b = RunBuilder::default();
        b.push_stored(0x1000, 2, (0, 0), 7);
        b.push_zero(0x3000, 1);
        b.push_zero(0x4000, 1);
        b.push_zero(0x6000, 1);
        b.push_stored(0x7000, 1, (1, 2), 9);
        assert_eq!(b.runs.len(), 4);
        assert_eq!(b.runs[1].nr_pages, 2);
        assert_eq!(b.runs[2].vaddr, 0x6000);
        assert_eq!(
            (b.runs[3].pages_file, b.runs[3].page_index, b.runs[3].crc32),
            (1, 2, 9)
        );
    }

    #[test]
    fn classifies_mappings() {
        let m = |name: &str, inode: u64, shared: bool| MapEntry {
            start: 0,
            end: 0x1000,
            read: true,
            write: true,
            exec: false,
            shared,
            offset: 0,
            dev_major: 0,
            dev_minor: 0,
            inode,
            name: name.to_string(),
            vm_flags: vec![],
            resident_kb: 0,
        };
        assert_eq!(vma_kind(&m("[heap]", 0, false)), VmaKind::VMA_HEAP);
        assert_eq!(
            vma_kind(&m("/dev/zero (deleted)", 5, true)),
            VmaKind::VMA_ANON_SHARED
        );
        assert_eq!(
            vma_kind(&m("/lib/x.so", 5, false)),
            VmaKind::VMA_FILE_PRIVATE
        );
        assert_eq!(vma_kind(&m("/data", 5, true)), VmaKind::VMA_FILE_SHARED);
        assert_eq!(vma_kind(&m("", 0, false)), VmaKind::VMA_ANON_PRIVATE);
        assert_eq!(content_policy(&m("[vvar]", 0, false)), None);
        assert_eq!(content_policy(&m("/lib/x.so", 5, false)), Some(true));
    }
}
