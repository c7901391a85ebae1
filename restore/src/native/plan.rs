//! The restore plan: the loaded images checked against this host, before anything is created.
//!
//! Every check that does not need the new processes runs here, so that most failures leave the
//! system untouched: architecture, unsupported fd kinds, mapped files that changed since the dump,
//! pids already taken (with `--pid-policy=exact`), page runs that point outside their VMA.

use std::collections::{BTreeMap, HashMap};
use std::os::unix::fs::MetadataExt;

use images_format::proto::common::Arch;
use images_format::proto::files::FdKind;
use images_format::proto::mm::{Vma, VmaKind};
use images_format::proto::pagemap::PageRunKind;
use images_format::proto::pstree::ProcessState;
use linux_sys::pid::Pid;
use thiserror::Error;

use crate::native::images::{ImageSet, ProcessImage};
use crate::native::{PidPolicy, RestoreOptions};

/// Size of the scratch mapping each process gets for remote syscalls and their arguments.
pub(crate) const SCRATCH_LEN: u64 = 64 * 1024;
/// Lowest address considered for the scratch mapping.
const SCRATCH_MIN: u64 = 0x1_0000_0000;
/// Highest address considered (below the usual mmap area and stack of a 47-bit address space).
const SCRATCH_MAX: u64 = 0x7000_0000_0000;

#[derive(Debug, Error)]
pub enum PlanRestoreError {
    #[error("the image was made on {found:?}; native restore on this host needs an x86_64 image (use --target to translate)")]
    WrongArch { found: Arch },
    #[error("pid {pid} is already used on this host by {holder} (the restored process {comm:?} needs it: programs and other processes may refer to it). Stop that process, or restore under new pids with --pid-policy=any")]
    PidTaken {
        pid: u32,
        comm: String,
        holder: String,
    },
    #[error("process {pid}: file {path} mapped at {addr:#x} changed since the dump ({what}); restoring it would give the process different code or data. Put the original file back (same size and modification time)")]
    MappedFileChanged {
        pid: u32,
        path: String,
        addr: u64,
        what: String,
    },
    #[error("process {pid}: mapped file {path} (at {addr:#x}) cannot be opened here: {source}")]
    MappedFileMissing {
        pid: u32,
        path: String,
        addr: u64,
        source: std::io::Error,
    },
    #[error("process {pid}: file {path} was deleted and its contents are not in the image")]
    DeletedWithoutGhost { pid: u32, path: String },
    #[error(
        "process {pid}: fd {fd} is a {kind:?} ({path}), which native restore does not support yet"
    )]
    UnsupportedFd {
        pid: u32,
        fd: i32,
        kind: FdKind,
        path: String,
    },
    #[error("process {pid}: fd {fd} is a terminal ({path}); restore it onto this terminal with --shell-job")]
    TtyNeedsShellJob { pid: u32, fd: i32, path: String },
    #[error(
        "process {pid}: page run at {addr:#x} ({pages} pages) {what}; the image is inconsistent"
    )]
    BadPageRun {
        pid: u32,
        addr: u64,
        pages: u64,
        what: &'static str,
    },
    #[error("process {pid}: {what}")]
    Unsupported { pid: u32, what: String },
    #[error("no free address range of {len} bytes for the restorer's scratch page in the image's address space")]
    NoScratchRoom { len: u64 },
}

/// One process of the plan.
#[derive(Debug)]
pub(crate) struct ProcPlan {
    pub image: ProcessImage,
    pub orig: Pid,
    /// Index of the parent in [`Plan::processes`]; `None` for the root.
    pub parent: Option<usize>,
    /// Indices of the children, in creation order (group leaders first, zombies last).
    pub children: Vec<usize>,
}

impl ProcPlan {
    pub fn is_zombie(&self) -> bool {
        self.image.entry.state.enum_value_or_default() == ProcessState::PROCESS_ZOMBIE
    }
}

/// The whole restore, checked.
#[derive(Debug)]
pub(crate) struct Plan {
    pub processes: Vec<ProcPlan>,
    pub page_size: u64,
    pub pipes: Vec<images_format::proto::files::PipeData>,
    pub ghosts: Vec<images_format::proto::files::GhostFile>,
    /// First fd number above every fd of every process in the image.
    pub table_base: i32,
    /// Candidate addresses for the scratch mapping: free in every process's image.
    pub scratch_candidates: Vec<u64>,
    pub pid_policy: PidPolicy,
    /// shmem ids used by more than one process: restored as one shared memfd.
    pub shared_shmem: BTreeMap<u64, u64>,
}

fn is_special(vma: &Vma) -> bool {
    matches!(
        vma.kind.enum_value_or_default(),
        VmaKind::VMA_VDSO | VmaKind::VMA_VVAR | VmaKind::VMA_VSYSCALL
    ) || vma.name.starts_with("[vvar")
        || vma.name == "[vdso]"
        || vma.name == "[vsyscall]"
}

/// True for VMAs the restorer maps itself (not kernel-provided special mappings).
pub(crate) fn is_regular_vma(vma: &Vma) -> bool {
    !is_special(vma)
}

/// True for the kernel's vDSO/vvar mappings, which are moved rather than mapped.
pub(crate) fn is_movable_special(vma: &Vma) -> bool {
    is_special(vma)
        && vma.kind.enum_value_or_default() != VmaKind::VMA_VSYSCALL
        && vma.name != "[vsyscall]"
}

impl Plan {
    pub fn build(set: ImageSet, opts: &RestoreOptions) -> Result<Plan, PlanRestoreError> {
        let arch = set.inventory.source_arch.enum_value_or_default();
        if arch != Arch::ARCH_X86_64 {
            return Err(PlanRestoreError::WrongArch { found: arch });
        }
        let page_size = u64::from(set.inventory.page_size.max(4096));
        let mut processes: Vec<ProcPlan> = Vec::with_capacity(set.processes.len());
        let mut index_of: HashMap<u32, usize> = HashMap::new();
        for mut image in set.processes {
            // Pages of the vDSO/vvar are the kernel's, not the process's: never written back.
            let specials: Vec<(u64, u64)> = image
                .vmas
                .iter()
                .filter(|v| is_special(v))
                .map(|v| (v.start, v.end))
                .collect();
            image
                .runs
                .retain(|r| !specials.iter().any(|&(s, e)| s <= r.vaddr && r.vaddr < e));
            let orig = Pid::from_u32(image.entry.pid).ok_or(PlanRestoreError::Unsupported {
                pid: image.entry.pid,
                what: "invalid pid in the process tree image".into(),
            })?;
            let parent = index_of.get(&image.entry.ppid).copied();
            if parent.is_none() && !processes.is_empty() {
                return Err(PlanRestoreError::Unsupported {
                    pid: image.entry.pid,
                    what: format!(
                        "its parent {} is not in the image before it (the tree image must list parents first)",
                        image.entry.ppid
                    ),
                });
            }
            index_of.insert(image.entry.pid, processes.len());
            processes.push(ProcPlan {
                image,
                orig,
                parent,
                children: Vec::new(),
            });
        }
        for idx in 0..processes.len() {
            if let Some(p) = processes[idx].parent {
                processes[p].children.push(idx);
            }
        }
        // Group leaders first (so siblings can join their group), zombies last.
        let keys: Vec<(bool, bool)> = processes
            .iter()
            .map(|p| (p.is_zombie(), p.image.entry.pgid != p.image.entry.pid))
            .collect();
        for p in &mut processes {
            p.children.sort_by_key(|&c| keys[c]);
        }

        let mut max_fd = 2;
        let mut shmem_users: BTreeMap<u64, (usize, u64)> = BTreeMap::new();
        for p in &processes {
            if p.is_zombie() {
                continue;
            }
            let pid = p.orig.as_u32();
            for fd in &p.image.fds {
                max_fd = max_fd.max(fd.fd);
                check_fd(pid, fd, opts.shell_job)?;
            }
            for vma in &p.image.vmas {
                check_vma_file(pid, vma, &set.ghosts)?;
                if vma.kind.enum_value_or_default() == VmaKind::VMA_ANON_SHARED {
                    if let Some(id) = vma.shmem_id {
                        let e = shmem_users.entry(id).or_insert((0, 0));
                        e.0 += 1;
                        e.1 = e.1.max(vma.pgoff + (vma.end - vma.start));
                    }
                }
            }
            check_runs(pid, &p.image, page_size)?;
        }
        let shared_shmem = shmem_users
            .into_iter()
            .filter(|(_, (users, _))| *users > 1)
            .map(|(id, (_, size))| (id, size))
            .collect();
        if opts.pid_policy == PidPolicy::Exact {
            for p in &processes {
                let ids = std::iter::once(p.image.entry.pid).chain(
                    p.image
                        .threads
                        .iter()
                        .map(|t| t.tid)
                        .filter(|&t| t != p.image.entry.pid),
                );
                for id in ids {
                    if let Some(holder) = pid_holder(id) {
                        return Err(PlanRestoreError::PidTaken {
                            pid: id,
                            comm: p.image.entry.comm.clone(),
                            holder,
                        });
                    }
                }
            }
        }
        let scratch_candidates = scratch_candidates(&processes);
        if scratch_candidates.is_empty() {
            return Err(PlanRestoreError::NoScratchRoom { len: SCRATCH_LEN });
        }
        // Table fds start well above the image's fds (and above hmcr's own low fds).
        let table_base = (max_fd + 1).max(64);
        Ok(Plan {
            processes,
            page_size,
            pipes: set.pipes,
            ghosts: set.ghosts,
            table_base,
            scratch_candidates,
            pid_policy: opts.pid_policy,
            shared_shmem,
        })
    }

    /// Number of stored pages over every process.
    pub fn stored_pages(&self) -> u64 {
        self.processes
            .iter()
            .flat_map(|p| p.image.runs.iter())
            .filter(|r| r.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_STORED)
            .map(|r| r.nr_pages)
            .sum()
    }

    pub fn stored_bytes(&self) -> u64 {
        self.stored_pages() * self.page_size
    }
}

/// Who holds `pid` on this host, as "process 123 (comm)", or `None` when it is free.
pub(crate) fn pid_holder(pid: u32) -> Option<String> {
    let dir = format!("/proc/{pid}");
    if std::fs::metadata(&dir).is_err() {
        return None;
    }
    let comm = std::fs::read_to_string(format!("{dir}/comm")).unwrap_or_default();
    let tgid = std::fs::read_to_string(format!("{dir}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Tgid:").map(|v| v.trim().to_string()))
        })
        .unwrap_or_default();
    let comm = comm.trim();
    if !tgid.is_empty() && tgid != pid.to_string() {
        Some(format!("a thread of process {tgid} ({comm})"))
    } else {
        Some(format!("process {pid} ({comm})"))
    }
}

fn check_fd(
    pid: u32,
    fd: &images_format::proto::files::FdEntry,
    shell_job: bool,
) -> Result<(), PlanRestoreError> {
    let kind = fd.kind.enum_value_or_default();
    match kind {
        FdKind::FD_REG | FdKind::FD_DIR | FdKind::FD_CHR | FdKind::FD_PIPE | FdKind::FD_FIFO => {
            Ok(())
        }
        FdKind::FD_EVENTFD => Ok(()),
        FdKind::FD_TTY if shell_job => Ok(()),
        FdKind::FD_TTY => Err(PlanRestoreError::TtyNeedsShellJob {
            pid,
            fd: fd.fd,
            path: fd.path.clone(),
        }),
        _ => Err(PlanRestoreError::UnsupportedFd {
            pid,
            fd: fd.fd,
            kind,
            path: fd.path.clone(),
        }),
    }
}

fn check_vma_file(
    pid: u32,
    vma: &Vma,
    ghosts: &[images_format::proto::files::GhostFile],
) -> Result<(), PlanRestoreError> {
    let kind = vma.kind.enum_value_or_default();
    if !matches!(kind, VmaKind::VMA_FILE_PRIVATE | VmaKind::VMA_FILE_SHARED) {
        return Ok(());
    }
    let Some(file) = vma.file.as_ref() else {
        return Err(PlanRestoreError::Unsupported {
            pid,
            what: format!("file mapping at {:#x} without a file record", vma.start),
        });
    };
    if file.deleted {
        let found = file
            .ghost_id
            .is_some_and(|id| ghosts.iter().any(|g| g.id == id));
        return if found {
            Ok(())
        } else {
            Err(PlanRestoreError::DeletedWithoutGhost {
                pid,
                path: file.path.clone(),
            })
        };
    }
    let meta =
        std::fs::metadata(&file.path).map_err(|source| PlanRestoreError::MappedFileMissing {
            pid,
            path: file.path.clone(),
            addr: vma.start,
            source,
        })?;
    let mtime_ns = meta.mtime() * 1_000_000_000 + meta.mtime_nsec();
    let mut what = Vec::new();
    if meta.size() != file.size {
        what.push(format!("size {} → {}", file.size, meta.size()));
    }
    if file.mtime_ns != 0 && mtime_ns != file.mtime_ns {
        what.push(format!(
            "modification time {} → {} ns",
            file.mtime_ns, mtime_ns
        ));
    }
    if what.is_empty() {
        Ok(())
    } else {
        Err(PlanRestoreError::MappedFileChanged {
            pid,
            path: file.path.clone(),
            addr: vma.start,
            what: what.join(", "),
        })
    }
}

fn check_runs(pid: u32, image: &ProcessImage, page_size: u64) -> Result<(), PlanRestoreError> {
    for run in &image.runs {
        let kind = run.kind.enum_value_or_default();
        let len = run.nr_pages * page_size;
        let bad = |what| PlanRestoreError::BadPageRun {
            pid,
            addr: run.vaddr,
            pages: run.nr_pages,
            what,
        };
        if kind == PageRunKind::PAGE_RUN_PARENT {
            return Err(bad(
                "refers to a parent image (incremental restore is not supported yet)",
            ));
        }
        if !covered(&image.vmas, run.vaddr, run.vaddr + len) {
            return Err(bad("is not inside the memory map"));
        }
        if kind == PageRunKind::PAGE_RUN_STORED {
            let Some(file) = image.pages_files.get(run.pages_file as usize) else {
                return Err(bad("names a pages file the image does not have"));
            };
            if run.page_index + run.nr_pages > file.total {
                return Err(bad("points past the end of its pages file"));
            }
        }
    }
    Ok(())
}

/// True when `[start, end)` is covered by regular VMAs without holes (a run may span several
/// adjacent VMAs).
fn covered(vmas: &[Vma], mut start: u64, end: u64) -> bool {
    while start < end {
        match vmas
            .iter()
            .find(|v| v.start <= start && start < v.end && is_regular_vma(v))
        {
            Some(v) => start = v.end,
            None => return false,
        }
    }
    true
}

/// Addresses where a [`SCRATCH_LEN`] mapping plus one guard page on each side overlaps no VMA
/// of any process in the image.
fn scratch_candidates(processes: &[ProcPlan]) -> Vec<u64> {
    let mut busy: Vec<(u64, u64)> = processes
        .iter()
        .flat_map(|p| p.image.vmas.iter().map(|v| (v.start, v.end)))
        .collect();
    busy.sort_unstable();
    let need = SCRATCH_LEN + 2 * 4096;
    let mut out = Vec::new();
    let mut cursor = SCRATCH_MIN;
    // Step through the address space in 1 GiB strides so candidates are spread out: if one is
    // taken by hmcr's own mappings in the child, the next is likely free.
    const STRIDE: u64 = 1 << 30;
    while cursor + need < SCRATCH_MAX && out.len() < 64 {
        let end = cursor + need;
        match busy.iter().find(|(s, e)| *s < end && cursor < *e) {
            Some(&(_, e)) => cursor = (e + 4096 + 0xffff) & !0xffff,
            None => {
                out.push(cursor + 4096);
                cursor += STRIDE;
            }
        }
    }
    out
}
