//! The memory of a frozen process: its VMAs (from smaps, with file identities) and the contents of
//! its present pages, streamed to the pages file in large `process_vm_readv` batches.
//!
//! Only pages the pagemap reports present or swapped are read; pages of private file mappings
//! that still are the file's pages are skipped (the file has them); all-zero pages become ZERO
//! runs and are not stored. Memory use is bounded by a few batch buffers whatever the process
//! size.
//!
//! Two writer threads store the batches, each at the page indices the reader assigned: one with
//! `pwrite`, one through a mapping of the pages file. On tmpfs (where images usually go) `write`
//! holds the file's lock for the whole copy and allocation of the new pages, which costs more
//! than reading them; page faults do not take that lock, so the mapped writer fills other
//! pages of the same file at the same time.

use std::fs::File;
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::Mutex;

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
/// The pages file is lengthened this many pages (64 MiB) at a time, ahead of the mapped writer.
const RESERVE_PAGES: u64 = 16 * 1024;

/// Where page contents go: whole pages, at page indices of the pages file that the caller
/// assigned (consecutive within one call). Called from two writer threads at once.
pub trait PageSink: Sync {
    /// Makes the pages file long enough for `pages` pages, so that a mapping reaches them.
    fn reserve(&self, pages: u64) -> Result<(), WriteImageError>;
    /// Writes `parts` (whole pages, back to back) from page `index` on with `pwrite`.
    fn write(&self, index: u64, parts: &[&[u8]]) -> Result<(), WriteImageError>;
    /// The same through a writable mapping of the pages file (within what `reserve` covered).
    fn write_mapped(&self, index: u64, parts: &[&[u8]]) -> Result<(), WriteImageError>;
}

/// Page counters of one process.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageCounts {
    pub scanned: u64,
    pub written: u64,
    pub zero: u64,
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

/// Builds page runs: ZERO runs merge with neighbours; STORED runs come whole from the sink.
#[derive(Default)]
struct RunBuilder {
    runs: Vec<PageRun>,
    /// The last run ended at a VMA boundary and must not grow.
    sealed: bool,
}

impl RunBuilder {
    fn push_zero(&mut self, vaddr: u64) {
        if let Some(last) = self.runs.last_mut().filter(|_| !self.sealed) {
            let contiguous = last.vaddr + last.nr_pages * PAGE_SIZE as u64 == vaddr;
            if contiguous && last.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_ZERO {
                last.nr_pages += 1;
                return;
            }
        }
        let mut run = PageRun::new();
        run.vaddr = vaddr;
        run.nr_pages = 1;
        run.kind = PageRunKind::PAGE_RUN_ZERO.into();
        self.runs.push(run);
        self.sealed = false;
    }

    fn push_stored(&mut self, vaddr: u64, nr_pages: u64, page_index: u64, crc32: u32) {
        let mut run = PageRun::new();
        run.vaddr = vaddr;
        run.nr_pages = nr_pages;
        run.kind = PageRunKind::PAGE_RUN_STORED.into();
        run.page_index = page_index;
        run.crc32 = crc32;
        self.runs.push(run);
        self.sealed = false;
    }

    /// Ends the current run (at a VMA boundary): the next page starts a new run.
    fn close(&mut self) {
        self.sealed = true;
    }
}

/// A buffer of pages on its way to a writer thread, with the groups of stored pages in it
/// (first page in the buffer, number of pages); the groups go to the pages file back to back
/// from page `first_index` on.
struct Batch {
    buf: Vec<u8>,
    groups: Vec<Group>,
    first_index: u64,
}

#[derive(Clone, Copy)]
struct Group {
    first: usize,
    pages: usize,
}

/// A writer thread's answer: the buffer back for reuse.
type Written = Result<Vec<u8>, WriteImageError>;

/// Number of batch buffers: one being filled, one being written by each writer, one queued.
const BUFFERS: usize = 4;

/// How a writer thread stores its batches.
#[derive(Clone, Copy, Debug)]
enum WritePath {
    Pwrite,
    Mapped,
}

/// A writer thread: takes batches until the channel closes, stores each through `path`, and
/// answers each with its buffer or the error (after which it stops).
fn run_writer(
    path: WritePath,
    sink: &dyn PageSink,
    batches: &Mutex<Receiver<Batch>>,
    done: Sender<Written>,
) {
    loop {
        let next = match batches.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(batch) = next else { return };
        let parts: Vec<&[u8]> = batch
            .groups
            .iter()
            .map(|g| &batch.buf[g.first * PAGE_SIZE..(g.first + g.pages) * PAGE_SIZE])
            .collect();
        let stored = match path {
            WritePath::Pwrite => sink.write(batch.first_index, &parts),
            WritePath::Mapped => sink.write_mapped(batch.first_index, &parts),
        };
        drop(parts);
        let failed = stored.is_err();
        if done.send(stored.map(|()| batch.buf)).is_err() || failed {
            return;
        }
    }
}

/// Dumps the contents of every mapping of `pid` that needs it: pages are read, classified and
/// checksummed on this thread while two writer threads store earlier batches in `sink` (from
/// page index 0 on), so reading and writing overlap. Returns the page runs and counters (the
/// pages file then holds `written` pages). `progress` gets the bytes processed so far.
pub fn dump_memory(
    pid: Pid,
    maps: &[MapEntry],
    sink: &dyn PageSink,
    progress: &mut dyn FnMut(u64),
) -> Result<(Vec<PageRun>, PageCounts), MemoryDumpError> {
    let pagemap =
        File::open(format!("/proc/{pid}/pagemap")).map_err(|source| MemoryDumpError::Pagemap {
            pid,
            addr: 0,
            source,
        })?;
    let (to_writer, batches) = mpsc::sync_channel::<Batch>(BUFFERS);
    let (done_tx, done_rx) = mpsc::channel::<Written>();
    let batches = Mutex::new(batches);
    std::thread::scope(|scope| {
        for path in [WritePath::Pwrite, WritePath::Mapped] {
            let done = done_tx.clone();
            let batches = &batches;
            scope.spawn(move || run_writer(path, sink, batches, done));
        }
        // Only the writers hold senders: when both are gone, `receive` learns it.
        drop(done_tx);
        let mut dumper = MemoryDumper {
            pid,
            pagemap,
            sink,
            reserved: 0,
            mem: None,
            buf: vec![0u8; BATCH_PAGES * PAGE_SIZE],
            free: (1..BUFFERS)
                .map(|_| vec![0u8; BATCH_PAGES * PAGE_SIZE])
                .collect(),
            batch: Vec::with_capacity(BATCH_PAGES),
            runs: RunBuilder::default(),
            counts: PageCounts::default(),
            to_writer: Some(to_writer),
            done_rx,
            in_flight: 0,
            next_index: 0,
            progress,
            done_bytes: 0,
        };
        let result = dumper.dump(maps);
        // Close the channel so the writer ends, then collect what it still has to say.
        dumper.to_writer = None;
        let drained = dumper.drain();
        let runs = std::mem::take(&mut dumper.runs.runs);
        result?;
        drained?;
        Ok((runs, dumper.counts))
    })
}

struct MemoryDumper<'a> {
    pid: Pid,
    pagemap: File,
    sink: &'a dyn PageSink,
    /// Pages the pages file has room for.
    reserved: u64,
    mem: Option<File>,
    /// The buffer being filled.
    buf: Vec<u8>,
    /// Buffers not in use.
    free: Vec<Vec<u8>>,
    /// Addresses of the pages batched into `buf`.
    batch: Vec<(u64, usize)>,
    runs: RunBuilder,
    counts: PageCounts,
    to_writer: Option<SyncSender<Batch>>,
    done_rx: Receiver<Written>,
    in_flight: usize,
    /// Index in the pages file of the next stored page.
    next_index: u64,
    progress: &'a mut dyn FnMut(u64),
    done_bytes: u64,
}

impl MemoryDumper<'_> {
    fn dump(&mut self, maps: &[MapEntry]) -> Result<(), MemoryDumpError> {
        let mut entries = vec![0u8; PAGEMAP_CHUNK * 8];
        for m in maps {
            let Some(private_file) = content_policy(m) else {
                continue;
            };
            let readable = m.read;
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
                    self.counts.scanned += 1;
                    if PagemapEntry::has_contents(e, private_file) {
                        self.batch.push((addr + (i * PAGE_SIZE) as u64, 0));
                        if self.batch.len() == BATCH_PAGES {
                            self.flush(readable)?;
                        }
                    }
                }
                addr += (pages * PAGE_SIZE) as u64;
            }
            self.flush(readable)?;
            self.runs.close();
        }
        self.runs.close();
        Ok(())
    }

    /// Applies one answer of a writer thread.
    fn receive(&mut self) -> Result<(), MemoryDumpError> {
        let answer = self.done_rx.recv().map_err(|_| {
            // The writer is gone: nothing more will arrive.
            self.in_flight = 0;
            MemoryDumpError::Write(WriteImageError::Io {
                path: "pages file".into(),
                source: io::Error::other("the page writer thread stopped unexpectedly"),
            })
        })?;
        self.in_flight -= 1;
        let buf = answer?;
        self.free.push(buf);
        Ok(())
    }

    /// Waits for every batch sent to the writers.
    fn drain(&mut self) -> Result<(), MemoryDumpError> {
        let mut first_err = Ok(());
        while self.in_flight > 0 {
            if let Err(e) = self.receive() {
                if first_err.is_ok() {
                    first_err = Err(e);
                }
                if self.in_flight == 0 {
                    break;
                }
            }
        }
        first_err
    }

    /// Reads the batched pages, classifies them and hands the non-zero ones to the writer.
    fn flush(&mut self, readable: bool) -> Result<(), MemoryDumpError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let n = self.batch.len();
        let pid = self.pid;
        if readable {
            let ranges = coalesce(&self.batch);
            let got = process_vm::read_ranges(pid, &mut self.buf[..n * PAGE_SIZE], &ranges)
                .map_err(|source| MemoryDumpError::Read {
                    pid,
                    addr: self.batch[0].0,
                    len: n * PAGE_SIZE,
                    source,
                })?;
            if got < n * PAGE_SIZE {
                // Some page stopped being readable (e.g. PROT_NONE set meanwhile): read the rest
                // through /proc/PID/mem, which reads regardless of protection.
                self.read_via_mem(got / PAGE_SIZE)?;
            }
        } else {
            self.read_via_mem(0)?;
        }
        // Classify page by page; each group of stored pages that are neighbours in memory is
        // checksummed here, appended with one write and becomes one STORED run.
        let mut groups = Vec::new();
        let first_index = self.next_index;
        let mut i = 0usize;
        while i < n {
            let vaddr = self.batch[i].0;
            if is_zero_page(&self.buf[i * PAGE_SIZE..(i + 1) * PAGE_SIZE]) {
                self.runs.push_zero(vaddr);
                self.counts.zero += 1;
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n
                && self.batch[j].0 == vaddr + ((j - i) * PAGE_SIZE) as u64
                && !is_zero_page(&self.buf[j * PAGE_SIZE..(j + 1) * PAGE_SIZE])
            {
                j += 1;
            }
            let len = (j - i) as u64;
            let crc32 = crc32fast::hash(&self.buf[i * PAGE_SIZE..j * PAGE_SIZE]);
            self.runs.push_stored(vaddr, len, self.next_index, crc32);
            groups.push(Group {
                first: i,
                pages: j - i,
            });
            self.next_index += len;
            self.counts.written += len;
            i = j;
        }
        self.done_bytes += (n * PAGE_SIZE) as u64;
        (self.progress)(self.done_bytes);
        self.batch.clear();
        if groups.is_empty() {
            return Ok(());
        }
        if self.next_index > self.reserved {
            self.reserved = self.next_index + RESERVE_PAGES;
            self.sink.reserve(self.reserved)?;
        }
        // Hand the buffer over and take a free one (waiting for the writer if none is free).
        if self.free.is_empty() {
            self.receive()?;
        }
        let next = self
            .free
            .pop()
            .unwrap_or_else(|| vec![0u8; BATCH_PAGES * PAGE_SIZE]);
        let buf = std::mem::replace(&mut self.buf, next);
        let sent = self.to_writer.as_ref().map(|tx| {
            tx.send(Batch {
                buf,
                groups,
                first_index,
            })
        });
        if !matches!(sent, Some(Ok(()))) {
            // The writer stopped: its error is waiting in the answer channel.
            self.receive()?;
            return Err(MemoryDumpError::Write(WriteImageError::Io {
                path: "pages file".into(),
                source: io::Error::other("the page writer thread stopped unexpectedly"),
            }));
        }
        self.in_flight += 1;
        Ok(())
    }

    fn read_via_mem(&mut self, from: usize) -> Result<(), MemoryDumpError> {
        let pid = self.pid;
        if self.mem.is_none() {
            let f =
                File::open(format!("/proc/{pid}/mem")).map_err(|source| MemoryDumpError::Read {
                    pid,
                    addr: 0,
                    len: 0,
                    source,
                })?;
            self.mem = Some(f);
        }
        let mem = self.mem.as_ref().ok_or_else(|| MemoryDumpError::Read {
            pid,
            addr: 0,
            len: 0,
            source: io::Error::other("/proc/PID/mem not open"),
        })?;
        for i in from..self.batch.len() {
            let addr = self.batch[i].0;
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

/// Merges consecutive pages into ranges for `process_vm_readv`.
fn coalesce(pages: &[(u64, usize)]) -> Vec<RemoteRange> {
    let mut out: Vec<RemoteRange> = Vec::new();
    for &(addr, _) in pages {
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
        let r = coalesce(&[(0x1000, 0), (0x2000, 0), (0x4000, 0)]);
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
        b.push_stored(0x1000, 2, 0, 7);
        b.push_zero(0x3000);
        b.push_zero(0x4000);
        b.push_zero(0x6000);
        b.push_stored(0x7000, 1, 2, 9);
        assert_eq!(b.runs.len(), 4);
        assert_eq!(b.runs[1].nr_pages, 2);
        assert_eq!(b.runs[2].vaddr, 0x6000);
        assert_eq!((b.runs[3].page_index, b.runs[3].crc32), (2, 9));
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
