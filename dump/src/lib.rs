//! dump: freeze a Linux process tree with ptrace and write its complete state to an image
//! directory, then kill the tree (default) or let it run on.
//!
//! Steps (each its own module): `freeze` (seize + interrupt every thread of every process),
//! `threads` (registers, xsave, signal state), `remote_state` (state only the process can report,
//! read with remote syscalls), `process_state` (/proc and prlimit), `fds` (descriptors, pipe data,
//! ghost files), `memory` (VMAs and page contents), `inventory` (host, CPU, vDSO). The image is
//! written through `images_format`; `inventory.img` comes last, so an interrupted dump never looks
//! complete. Any failure releases the tree, which runs on as before.
//!
//! Dumping reads x86_64 registers and xsave state through ptrace: the crate is compiled on
//! x86_64 hosts only (an aarch64 hmcr restores images, it does not dump).
#![cfg(target_arch = "x86_64")]

pub mod error;
mod fdinfo;
mod fds;
mod freeze;
mod inventory;
mod memory;
mod pagemap_entry;
mod pages_out;
mod proc_maps;
mod proc_status;
mod process_state;
mod remote_state;
mod threads;
mod xsave;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use images_format::proto::pstree::{ProcessEntry, ProcessState};
use images_format::proto::stats::DumpStats as DumpStatsRecord;
use images_format::{ExistingImage, ImageDir, ImageDirWriter, ImageFile};
use linux_sys::pid::Pid;
use linux_sys::{ptrace, remote_syscall};

pub use error::{
    CollectError, DumpError, FreezeError, ImagesDirError, MemoryDumpError, WriteImageError,
};

/// What to dump and how.
#[derive(Clone, Debug)]
pub struct DumpOptions {
    /// Root of the process tree.
    pub root: Pid,
    /// Image directory (created 0700 if missing; an old image in it is replaced).
    pub images_dir: PathBuf,
    /// Let the tree run on after the dump instead of killing it.
    pub leave_running: bool,
    /// Accept descriptors on the controlling terminal (the tree is a shell job).
    pub shell_job: bool,
    /// Give up freezing after this long.
    pub freeze_timeout: Duration,
}

/// Receives log lines and progress while a dump runs.
pub trait DumpObserver {
    /// A log line. Level 0 is always worth showing; higher levels are detail (`-v`).
    fn log(&mut self, level: u8, msg: &str);
    /// Memory copy progress: bytes processed so far of an estimated total.
    fn memory_progress(&mut self, done: u64, total: u64);
}

/// An observer that ignores everything.
#[derive(Debug, Default)]
pub struct Quiet;

impl DumpObserver for Quiet {
    fn log(&mut self, _level: u8, _msg: &str) {}
    fn memory_progress(&mut self, _done: u64, _total: u64) {}
}

/// Timings and page counters of a dump (also written to `stats-dump.img`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DumpStats {
    pub freezing_time: Duration,
    pub frozen_time: Duration,
    /// Wall time of the memory phase: pagemap, process_vm_readv, zero detection, and the
    /// writing that overlaps them.
    pub memdump_time: Duration,
    /// Time the two page writers spent storing pages, summed (they run in parallel with each
    /// other and with reading, so this is part of `memdump_time`, not added to it).
    pub memwrite_time: Duration,
    pub total_time: Duration,
    pub pages_scanned: u64,
    pub pages_written: u64,
    pub pages_zero: u64,
}

/// One dumped process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessSummary {
    pub pid: u32,
    pub ppid: u32,
    pub comm: String,
    pub threads: usize,
    pub vmas: usize,
    pub fds: usize,
    pub pages_written: u64,
    pub pages_zero: u64,
    pub zombie: bool,
}

/// What happened to the tree after the image was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeFate {
    Killed,
    LeftRunning,
}

/// The result of a successful dump.
#[derive(Clone, Debug)]
pub struct DumpReport {
    pub root: Pid,
    pub images_dir: PathBuf,
    pub processes: Vec<ProcessSummary>,
    pub stats: DumpStats,
    /// Total size of the image files.
    pub image_bytes: u64,
    pub fate: TreeFate,
}

/// Dumps the tree described by `opts`. On error the tree has been released and runs on.
pub fn dump(opts: &DumpOptions, obs: &mut dyn DumpObserver) -> Result<DumpReport, DumpError> {
    let start = Instant::now();
    let writer = open_images_dir(&opts.images_dir)?;
    // Ctrl-C or a kill of hmcr while threads of the tree are borrowed for remote syscalls would
    // let them resume with borrowed registers: defer such signals until the tree is released.
    let deferred = linux_sys::signal_block::BlockedSignals::block(&[
        libc::SIGINT,
        libc::SIGTERM,
        libc::SIGHUP,
        libc::SIGQUIT,
    ])
    .ok();
    obs.log(1, &format!("freezing the tree rooted at pid {}", opts.root));
    let mut tree = freeze::FrozenTree::freeze(opts.root, opts.freeze_timeout)?;
    let frozen_at = Instant::now();
    let mut stats = DumpStats {
        freezing_time: frozen_at - start,
        ..DumpStats::default()
    };
    obs.log(
        1,
        &format!(
            "froze {} process(es), {} thread(s) in {:.1} ms",
            tree.processes.len(),
            tree.thread_count(),
            stats.freezing_time.as_secs_f64() * 1e3
        ),
    );
    let result = write_image(opts, &tree, writer, &mut stats, frozen_at, obs);
    let processes = match result {
        Ok(p) => p,
        Err(e) => {
            tree.release();
            remove_partial_image(&opts.images_dir);
            return Err(e);
        }
    };
    // The image is complete (inventory written): now the tree may go.
    let fate = if opts.leave_running {
        tree.release();
        TreeFate::LeftRunning
    } else {
        tree.kill();
        TreeFate::Killed
    };
    drop(deferred);
    stats.total_time = start.elapsed();
    let image_bytes = image_size(&opts.images_dir);
    Ok(DumpReport {
        root: opts.root,
        images_dir: opts.images_dir.clone(),
        processes,
        stats,
        image_bytes,
        fate,
    })
}

fn open_images_dir(dir: &Path) -> Result<ImageDirWriter, ImagesDirError> {
    if dir.exists() && !dir.is_dir() {
        return Err(ImagesDirError::NotADirectory {
            dir: dir.to_path_buf(),
        });
    }
    let writer =
        ImageDir::create(dir, ExistingImage::Overwrite).map_err(|e| ImagesDirError::Create {
            dir: dir.to_path_buf(),
            source: std::io::Error::other(error_chain(&e)),
        })?;
    // Prove the directory is writable before freezing anything (root bypasses mode bits, but not
    // a read-only mount).
    let probe = dir.join(".hmcr-write-test");
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
        }
        Err(source) => {
            return Err(ImagesDirError::NotWritable {
                dir: dir.to_path_buf(),
                source,
            })
        }
    }
    Ok(writer)
}

/// "a: b: c" for an error and its sources.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

fn write_err(e: images_format::WriteImageError) -> WriteImageError {
    WriteImageError::from_format(e)
}

fn remove_partial_image(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if ImageFile::parse(name.strip_suffix(".tmp").unwrap_or(name)).is_some() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn image_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn proc_text(pid: Pid, what: &str) -> Result<String, CollectError> {
    let path = format!("/proc/{pid}/{what}");
    std::fs::read_to_string(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound
            || source.raw_os_error() == Some(libc::ESRCH)
        {
            CollectError::TargetExited {
                pid,
                during: format!("reading {path}"),
            }
        } else {
            CollectError::Proc { pid, path, source }
        }
    })
}

fn parse_err(pid: Pid, what: &str) -> impl Fn(proc_status::ProcParseError) -> CollectError {
    let path = format!("/proc/{pid}/{what}");
    move |source| CollectError::Parse {
        pid,
        path: path.clone(),
        source,
    }
}

fn write_image(
    opts: &DumpOptions,
    tree: &freeze::FrozenTree,
    writer: ImageDirWriter,
    stats: &mut DumpStats,
    frozen_at: Instant,
    obs: &mut dyn DumpObserver,
) -> Result<Vec<ProcessSummary>, DumpError> {
    let cpu = linux_sys::cpu::host_cpu();
    let mut shared = fds::SharedFiles::default();
    let mut pstree = Vec::new();
    let mut summaries = Vec::new();
    for fp in &tree.processes {
        let stat = proc_status::parse_stat(&proc_text(fp.pid, "stat")?)
            .map_err(parse_err(fp.pid, "stat"))?;
        let mut entry = ProcessEntry::new();
        entry.pid = fp.pid.as_u32();
        entry.ppid = fp.parent.map_or(0, Pid::as_u32);
        entry.pgid = stat.field(5) as u32;
        entry.sid = stat.field(6) as u32;
        entry.ctty_rdev = u64::try_from(stat.field(7)).ok().filter(|&tty| tty != 0);
        entry.threads = fp.threads.iter().map(|t| t.as_u32()).collect();
        entry.comm = stat.comm.clone();
        let mut summary = ProcessSummary {
            pid: entry.pid,
            ppid: entry.ppid,
            comm: stat.comm.clone(),
            threads: fp.threads.len(),
            vmas: 0,
            fds: 0,
            pages_written: 0,
            pages_zero: 0,
            zombie: fp.zombie,
        };
        if fp.zombie {
            entry.state = ProcessState::PROCESS_ZOMBIE.into();
            // Field 52 is the wait status the parent will reap (shown to a tracer-capable reader).
            if stat.len() >= 52 {
                entry.exit_code = Some(stat.field(52) as i32);
            }
            obs.log(1, &format!("process {}: zombie", fp.pid));
        } else {
            entry.state = if fp.group_stop.is_some() {
                ProcessState::PROCESS_STOPPED
            } else {
                ProcessState::PROCESS_ALIVE
            }
            .into();
            dump_process(
                opts,
                fp,
                &stat,
                &cpu,
                &writer,
                &mut shared,
                stats,
                &mut summary,
                obs,
            )?;
        }
        pstree.push(entry);
        summaries.push(summary);
    }
    writer.write_pstree(&pstree).map_err(write_err)?;
    let mut pipes: Vec<_> = shared
        .pipes
        .into_values()
        .filter(|p| !p.data.is_empty())
        .collect();
    pipes.sort_by_key(|p| p.pipe_id);
    writer.write_pipes_data(&pipes).map_err(write_err)?;
    stats.frozen_time = frozen_at.elapsed();
    let mut rec = DumpStatsRecord::new();
    rec.freezing_time_us = stats.freezing_time.as_micros() as u64;
    rec.frozen_time_us = stats.frozen_time.as_micros() as u64;
    rec.memdump_time_us = stats.memdump_time.as_micros() as u64;
    rec.memwrite_time_us = stats.memwrite_time.as_micros() as u64;
    rec.pages_scanned = stats.pages_scanned;
    rec.pages_written = stats.pages_written;
    rec.pages_zero = stats.pages_zero;
    rec.total_time_us = (stats.freezing_time + stats.frozen_time).as_micros() as u64;
    writer.write_dump_stats(&rec).map_err(write_err)?;
    let inv = inventory::build(opts.root, &cpu);
    writer.finish(inv).map_err(write_err)?;
    Ok(summaries)
}

#[allow(clippy::too_many_arguments)]
fn dump_process(
    opts: &DumpOptions,
    fp: &freeze::FrozenProcess,
    stat: &proc_status::Stat,
    cpu: &linux_sys::cpu::CpuDescription,
    writer: &ImageDirWriter,
    shared: &mut fds::SharedFiles,
    stats: &mut DumpStats,
    summary: &mut ProcessSummary,
    obs: &mut dyn DumpObserver,
) -> Result<(), DumpError> {
    let pid = fp.pid;
    let status =
        proc_status::parse_status(&proc_text(pid, "status")?).map_err(parse_err(pid, "status"))?;
    let mut cores = fp
        .threads
        .iter()
        .map(|&tid| threads::collect_thread(pid, tid, &cpu.xsave_components))
        .collect::<Result<Vec<_>, _>>()?;
    let timers = match std::fs::read_to_string(format!("/proc/{pid}/timers")) {
        Ok(t) => proc_status::parse_timers(&t).map_err(parse_err(pid, "timers"))?,
        Err(_) => Vec::new(),
    };
    let insn = remote_syscall::find_syscall_insn(pid).ok().flatten();
    let via = match insn {
        Some(a) => format!("the vDSO syscall instruction at {a:#x}"),
        None => "a syscall instruction patched at the thread's rip".to_string(),
    };
    obs.log(2, &format!("process {pid}: remote syscalls through {via}"));
    let remote = remote_state::collect(pid, insn, &timers, &mut cores)?;
    let first = fp.threads.first().copied().unwrap_or(pid);
    let shared_pending =
        ptrace::peek_siginfo(first, true).map_err(|source| CollectError::Ptrace {
            tid: first,
            what: "reading process-wide pending signals",
            source,
        })?;
    let mut pcore = process_state::build(pid, &status, stat, remote)?;
    pcore.shared_pending = shared_pending.iter().map(|s| s.to_vec()).collect();

    let smaps_text = proc_text(pid, "smaps")?;
    let maps = proc_maps::parse_smaps(&smaps_text).map_err(|source| CollectError::Maps {
        pid,
        path: format!("/proc/{pid}/smaps"),
        source,
    })?;
    let mut vmas: Vec<_> = maps.iter().map(|m| memory::vma_record(pid, m)).collect();
    for (m, vma) in maps.iter().zip(vmas.iter_mut()) {
        if let Some(file) = vma.file.as_mut().filter(|f| f.deleted) {
            file.ghost_id = Some(fds::ghost_for_mapping(
                pid, m.start, m.end, &file.path, shared,
            )?);
        }
    }
    let fd_entries = fds::collect(pid, opts.shell_job, shared)?;
    for g in shared.take_ghosts() {
        writer.write_ghost(&g).map_err(write_err)?;
    }

    // Pages.
    let total_bytes: u64 = maps
        .iter()
        .filter(|m| memory::content_policy(m).is_some())
        .map(|m| m.resident_kb * 1024)
        .sum();
    let t_mem = Instant::now();
    let mut files = Vec::with_capacity(memory::WORKERS);
    for part in 0..memory::WORKERS as u32 {
        files.push(
            writer
                .pages_part_writer(pid.as_u32(), part, memory::PAGE_SIZE as u32)
                .map_err(write_err)?,
        );
    }
    let mut progress = |done: u64| obs.memory_progress(done, total_bytes.max(done));
    let (dumped, write_time) = {
        let mut sinks = Vec::with_capacity(files.len());
        for f in &mut files {
            sinks.push(pages_out::PagesOut::new(f.positional().map_err(write_err)?));
        }
        let refs: Vec<&dyn memory::PageSink> =
            sinks.iter().map(|s| s as &dyn memory::PageSink).collect();
        let dumped = memory::dump_memory(pid, &maps, &refs, &mut progress);
        (dumped, sinks.iter().map(|s| s.spent()).sum::<Duration>())
    };
    let (runs, counts) = dumped?;
    let t_fin = Instant::now();
    let mut totals = Vec::with_capacity(files.len());
    for (mut f, &pages) in files.into_iter().zip(&counts.per_file) {
        f.set_page_count(pages).map_err(write_err)?;
        totals.push(f.finish().map_err(write_err)?);
    }
    let header = images_format::pagemap_header(pid.as_u32(), &totals);
    stats.memwrite_time += write_time + t_fin.elapsed();
    stats.memdump_time += t_mem.elapsed();
    stats.pages_scanned += counts.scanned;
    stats.pages_written += counts.written;
    stats.pages_zero += counts.zero;
    writer.write_pagemap(&header, &runs).map_err(write_err)?;
    writer.write_mm(pid.as_u32(), &vmas).map_err(write_err)?;
    writer
        .write_fdinfo(pid.as_u32(), &fd_entries)
        .map_err(write_err)?;
    for core in &cores {
        writer.write_core(core).map_err(write_err)?;
    }
    writer.write_process(&pcore).map_err(write_err)?;
    obs.log(
        1,
        &format!(
            "process {pid} ({}): {} thread(s), {} VMAs, {} fds, {} pages stored, {} zero",
            stat.comm,
            cores.len(),
            vmas.len(),
            fd_entries.len(),
            counts.written,
            counts.zero
        ),
    );
    summary.vmas = vmas.len();
    summary.fds = fd_entries.len();
    summary.pages_written = counts.written;
    summary.pages_zero = counts.zero;
    Ok(())
}
