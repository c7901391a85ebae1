//! The native x86_64 restorer (see the crate documentation for its stages).

mod cleanup;
mod control;
mod creds;
mod fork_tree;
mod images;
mod memory;
mod pages;
mod plan;
mod process_setup;
mod shared_fds;
mod threads;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use linux_sys::pid::Pid;
use thiserror::Error;

pub use fork_tree::ForkTreeError;
pub use images::LoadImagesError;
pub use memory::MapMemoryError;
pub use pages::FillPagesError;
pub use plan::PlanRestoreError;
pub use shared_fds::PrepareSharedError;
pub use threads::RestoreThreadsError;

/// What to do when an original pid is taken on this host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PidPolicy {
    /// Every process and thread gets its original id, or the restore fails before creating any.
    Exact,
    /// Original ids where free, new ids otherwise.
    Any,
}

/// Options of a native restore.
#[derive(Clone, Debug)]
pub struct RestoreOptions {
    /// The image directory (only read).
    pub images_dir: PathBuf,
    /// Return as soon as the tree runs instead of waiting for the root to exit.
    pub detached: bool,
    pub pid_policy: PidPolicy,
    /// Write the restored root's pid here once it runs.
    pub pidfile: Option<PathBuf>,
    /// Show a progress bar on stderr (the caller decides: only when stderr is a terminal).
    pub progress: bool,
    /// Give terminal fds of the tree this process's terminal (`--shell-job`).
    pub shell_job: bool,
    /// Check the CRC of every stored page run (while the pages are copied). On by default.
    pub verify_pages: bool,
}

impl RestoreOptions {
    /// Defaults: wait for the root, exact pids, no pidfile, no progress bar, verify pages.
    pub fn new(images_dir: PathBuf) -> RestoreOptions {
        RestoreOptions {
            images_dir,
            detached: false,
            pid_policy: PidPolicy::Exact,
            pidfile: None,
            progress: false,
            shell_job: false,
            verify_pages: true,
        }
    }
}

/// How the restored root ended (when waited for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootExit {
    Exited(i32),
    Killed(i32),
}

impl RootExit {
    /// The shell convention: the exit code, or 128 + the signal number.
    pub fn shell_status(self) -> i32 {
        match self {
            RootExit::Exited(c) => c,
            RootExit::Killed(s) => 128 + s,
        }
    }
}

/// Timing and counters of one restore (also written to `stats-restore` on request).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RestoreStats {
    /// Loading, planning, shared resources and creating the process tree.
    pub forking_time: Duration,
    /// From the tree being created to every thread released.
    pub restore_time: Duration,
    pub pages_restored: u64,
    pub processes: u32,
    pub threads: u32,
    pub total_time: Duration,
    /// hmcr's own peak resident set size (VmHWM) when the tree was resumed, in KiB.
    pub peak_rss_kib: u64,
}

fn own_peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmHWM:")
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
        })
        .unwrap_or(0)
}

/// Result of a successful restore.
#[derive(Clone, Debug)]
pub struct RestoreOutcome {
    /// The restored root's pid (its original pid unless `--pid-policy=any` had to change it).
    pub root_pid: Pid,
    /// Original pid → pid on this host, for every process and thread whose id changed.
    pub remapped: Vec<(Pid, Pid)>,
    /// `None` when detached.
    pub exit: Option<RootExit>,
    pub stats: RestoreStats,
}

/// The stage of a restore, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    LoadImages,
    Plan,
    SharedResources,
    ForkTree,
    AddressSpace,
    Threads,
    Resume,
    Wait,
}

/// Why a restore failed. Every variant names its step; nothing created is left behind.
#[derive(Debug, Error)]
pub enum RestoreError {
    #[error(transparent)]
    LoadImages(#[from] LoadImagesError),
    #[error(transparent)]
    Plan(#[from] PlanRestoreError),
    #[error(transparent)]
    PrepareShared(#[from] PrepareSharedError),
    #[error(transparent)]
    ForkTree(#[from] ForkTreeError),
    #[error(transparent)]
    MapMemory(#[from] MapMemoryError),
    #[error(transparent)]
    FillPages(#[from] FillPagesError),
    #[error(transparent)]
    Threads(#[from] RestoreThreadsError),
    #[error("releasing restored thread {tid}: {source}")]
    Resume { tid: Pid, source: std::io::Error },
    #[error("writing the pidfile {path}: {source}")]
    Pidfile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("waiting for the restored root {pid}: {source}")]
    Wait { pid: Pid, source: std::io::Error },
}

/// Writing `stats-restore.img` failed.
#[derive(Debug, Error)]
pub enum WriteStatsError {
    #[error("opening image directory {dir} to write stats-restore.img: {source}")]
    Open {
        dir: PathBuf,
        source: images_format::OpenImageDirError,
    },
    #[error("writing stats-restore.img: {0}")]
    Write(#[from] images_format::WriteImageError),
}

/// Writes `stats-restore.img` into the image directory (`--display-stats`, as CRIU does). This is
/// the only file restore ever writes there, and only when asked.
pub fn write_stats(dir: &std::path::Path, stats: &RestoreStats) -> Result<(), WriteStatsError> {
    let image = images_format::ImageDir::open(dir).map_err(|source| WriteStatsError::Open {
        dir: dir.to_path_buf(),
        source,
    })?;
    let mut s = images_format::proto::stats::RestoreStats::new();
    s.forking_time_us = stats.forking_time.as_micros() as u64;
    s.restore_time_us = stats.restore_time.as_micros() as u64;
    s.pages_restored = stats.pages_restored;
    s.total_time_us = stats.total_time.as_micros() as u64;
    image.write_restore_stats(&s)?;
    Ok(())
}

/// A log sink: `(level, message)`, level 0 always shown, higher levels with `-v`.
pub type Log<'a> = &'a dyn Fn(u8, &str);

/// Restores the tree in `opts.images_dir` natively on this x86_64 host.
pub fn restore_native(opts: &RestoreOptions, log: Log<'_>) -> Result<RestoreOutcome, RestoreError> {
    let t0 = Instant::now();
    let set = images::ImageSet::load(&opts.images_dir)?;
    log(
        1,
        &format!(
            "loaded {} processes from {}",
            set.processes.len(),
            set.dir.display()
        ),
    );
    let plan = plan::Plan::build(set, opts)?;
    let mut shared = shared_fds::SharedFds::prepare(&plan, opts)?;
    let mut tree = cleanup::CreatedTree::default();
    let forked = fork_tree::fork_tree(&plan, &mut shared, &mut tree, log)?;
    let t_forked = Instant::now();
    log(1, &format!("process tree created in {:?}", t_forked - t0));

    let progress = pages::Progress::new(opts.progress, plan.stored_bytes());
    let mut restored = Vec::new();
    for (idx, proc_plan) in plan.processes.iter().enumerate() {
        let Some(pid) = forked.pid_of(idx) else {
            continue;
        };
        if proc_plan.is_zombie() {
            continue;
        }
        let mut target = memory::Target::take_over(pid, forked.scratch_of(idx), &mut tree)?;
        memory::rebuild_address_space(
            &mut target,
            &plan,
            idx,
            &shared,
            opts.verify_pages,
            &progress,
            log,
        )?;
        let threads =
            threads::restore_threads(target, &plan, idx, opts.pid_policy, &mut tree, log)?;
        restored.push(threads);
    }
    progress.finish();
    log(
        2,
        &format!("address spaces and threads ready after {:?}", t0.elapsed()),
    );
    drop(shared);
    let root_pid = forked.root_pid();
    if let Some(path) = &opts.pidfile {
        std::fs::write(path, format!("{root_pid}\n")).map_err(|source| RestoreError::Pidfile {
            path: path.clone(),
            source,
        })?;
    }
    let mut thread_count = 0u32;
    for threads in &restored {
        for tid in threads.tids() {
            linux_sys::ptrace::detach(tid, 0)
                .map_err(|source| RestoreError::Resume { tid, source })?;
            thread_count += 1;
        }
    }
    // Processes that were stopped by job control at dump time stop again.
    for (idx, p) in plan.processes.iter().enumerate() {
        if p.image.entry.state.enum_value_or_default()
            == images_format::proto::pstree::ProcessState::PROCESS_STOPPED
        {
            if let Some(pid) = forked.pid_of(idx) {
                let _ = linux_sys::ptrace::kill(pid, libc::SIGSTOP);
            }
        }
    }
    tree.disarm();
    let t_resumed = Instant::now();
    let stats = RestoreStats {
        forking_time: t_forked - t0,
        restore_time: t_resumed - t_forked,
        pages_restored: plan.stored_pages(),
        processes: restored.len() as u32,
        threads: thread_count,
        total_time: t_resumed - t0,
        peak_rss_kib: own_peak_rss_kib(),
    };
    log(
        1,
        &format!(
            "tree resumed: {} processes, {thread_count} threads",
            restored.len()
        ),
    );
    let mut remapped = forked.remapped();
    for threads in &restored {
        remapped.extend(threads.remapped());
    }
    let exit = if opts.detached {
        None
    } else {
        let status = fork_tree::wait_root(root_pid).map_err(|source| RestoreError::Wait {
            pid: root_pid,
            source,
        })?;
        Some(status)
    };
    Ok(RestoreOutcome {
        root_pid,
        remapped,
        exit,
        stats,
    })
}
