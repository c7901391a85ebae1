//! Resources the tracer creates once, before forking, so that every restored process inherits
//! them: pipes (refilled with their buffered data), named pipes held open, memfds for anonymous
//! memory shared between processes, deleted files recreated from their ghost copy (then
//! unlinked), and the files restore maps or reads pages from (pages files, mapped files, exe).
//!
//! Every table fd is numbered at or above [`Plan::table_base`], above every fd number the image
//! uses, so processes can place their own fds without clobbering the table; the tracer closes the
//! whole table in each process with one remote `close_range` at the end.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::fd::{IntoRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use images_format::proto::files::{FdEntry, FdKind};
use images_format::proto::mm::VmaKind;
use linux_sys::self_setup;
use thiserror::Error;

use crate::native::plan::Plan;
use crate::native::RestoreOptions;

#[derive(Debug, Error)]
pub enum PrepareSharedError {
    #[error("creating pipe {pipe_id:#x} for the restored tree: {source}")]
    Pipe {
        pipe_id: u64,
        source: std::io::Error,
    },
    #[error("writing {len} buffered bytes back into pipe {pipe_id:#x}: {source}")]
    PipeData {
        pipe_id: u64,
        len: usize,
        source: std::io::Error,
    },
    #[error("opening named pipe {path}: {source}")]
    Fifo {
        path: String,
        source: std::io::Error,
    },
    #[error("creating shared memory object for shmem {shmem_id:#x} ({size} bytes): {source}")]
    Memfd {
        shmem_id: u64,
        size: u64,
        source: std::io::Error,
    },
    #[error("recreating deleted file {path} from its copy in the image (ghost {id}): {source}")]
    Ghost {
        path: String,
        id: u32,
        source: std::io::Error,
    },
    #[error("opening {path} for the restore: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "moving restore fds above fd {base}: {source} (raise the open-files limit, ulimit -n)"
    )]
    Table { base: RawFd, source: std::io::Error },
}

/// The table of inherited fds. Dropping it closes the tracer's copies.
#[derive(Debug, Default)]
pub(crate) struct SharedFds {
    /// pipe id → (read end, write end).
    pub pipes: HashMap<u64, (RawFd, RawFd)>,
    /// fifo pipe id → an O_RDWR fd on the fifo.
    pub fifos: HashMap<u64, RawFd>,
    /// shmem id → memfd.
    pub memfds: HashMap<u64, RawFd>,
    /// ghost id → O_RDWR fd on the recreated (already unlinked) file.
    pub ghosts: HashMap<u32, RawFd>,
    /// Path → fd, for mapped files (O_RDWR when some mapping is shared and writable).
    pub files: HashMap<String, RawFd>,
    /// file id → the one open file description shared by several fds of the image (dup,
    /// fork), opened here so that every restored process inherits it.
    pub descriptions: HashMap<u64, RawFd>,
    /// Process index → fds of its pages files (indexed by `PageRun.pages_file`).
    pub pages: HashMap<usize, Vec<RawFd>>,
    /// Process index → fd of its executable (for PR_SET_MM_MAP), when it could be opened.
    pub exes: HashMap<usize, RawFd>,
    /// This process's terminal (with --shell-job).
    pub tty: Option<RawFd>,
    /// Write end of the control pipe the new processes report on; read end kept by the tracer.
    pub control_write: RawFd,
    pub control_read: Option<File>,
    all: Vec<RawFd>,
    base: RawFd,
}

impl SharedFds {
    pub fn prepare(plan: &Plan, opts: &RestoreOptions) -> Result<SharedFds, PrepareSharedError> {
        raise_nofile_limit();
        let mut t = SharedFds::default();
        t.base = plan.table_base;
        t.control_write = -1;
        let (cr, cw) =
            self_setup::pipe().map_err(|source| PrepareSharedError::Pipe { pipe_id: 0, source })?;
        t.control_write = t.adopt(cw)?;
        // The read end stays a normal low fd of the tracer only (children close it).
        let cr = t.adopt(cr)?;
        t.all.retain(|&fd| fd != cr);
        t.control_read = Some(fd_into_file(cr));

        for p in plan.processes.iter().filter(|p| !p.is_zombie()) {
            for fd in &p.image.fds {
                match fd.kind.enum_value_or_default() {
                    FdKind::FD_PIPE => {
                        let id = fd.pipe_id.unwrap_or(0);
                        if !t.pipes.contains_key(&id) {
                            let (r, w) =
                                self_setup::pipe().map_err(|source| PrepareSharedError::Pipe {
                                    pipe_id: id,
                                    source,
                                })?;
                            let (r, w) = (t.adopt(r)?, t.adopt(w)?);
                            t.pipes.insert(id, (r, w));
                        }
                    }
                    FdKind::FD_FIFO => {
                        let id = fd.pipe_id.unwrap_or(0);
                        if !t.fifos.contains_key(&id) {
                            let f = OpenOptions::new()
                                .read(true)
                                .write(true)
                                .open(&fd.path)
                                .map_err(|source| PrepareSharedError::Fifo {
                                    path: fd.path.clone(),
                                    source,
                                })?;
                            let fd_no = t.adopt(f.into_raw_fd())?;
                            t.fifos.insert(id, fd_no);
                        }
                    }
                    FdKind::FD_TTY if opts.shell_job && t.tty.is_none() => {
                        let d = self_setup::dup_above(0, plan.table_base).map_err(|source| {
                            PrepareSharedError::Table {
                                base: plan.table_base,
                                source,
                            }
                        })?;
                        t.all.push(d);
                        t.tty = Some(d);
                    }
                    _ => {}
                }
            }
        }
        for data in &plan.pipes {
            let fd = t
                .pipes
                .get(&data.pipe_id)
                .map(|&(_, w)| w)
                .or_else(|| t.fifos.get(&data.pipe_id).copied());
            let Some(w) = fd else { continue };
            fill_pipe(w, data).map_err(|source| PrepareSharedError::PipeData {
                pipe_id: data.pipe_id,
                len: data.data.len(),
                source,
            })?;
        }
        for (&id, &size) in &plan.shared_shmem {
            let fd = self_setup::memfd(&format!("hmcr-shmem-{id:x}")).map_err(|source| {
                PrepareSharedError::Memfd {
                    shmem_id: id,
                    size,
                    source,
                }
            })?;
            let f = fd_into_file(fd);
            f.set_len(size)
                .map_err(|source| PrepareSharedError::Memfd {
                    shmem_id: id,
                    size,
                    source,
                })?;
            let fd = t.adopt(f.into_raw_fd())?;
            t.memfds.insert(id, fd);
        }
        for ghost in &plan.ghosts {
            let path = ghost_path(plan, ghost.id);
            let fd = recreate_ghost(&path, ghost).map_err(|source| PrepareSharedError::Ghost {
                path: path.clone(),
                id: ghost.id,
                source,
            })?;
            let fd = t.adopt(fd)?;
            t.ghosts.insert(ghost.id, fd);
        }
        t.open_shared_descriptions(plan)?;
        for (idx, p) in plan.processes.iter().enumerate() {
            if p.is_zombie() {
                continue;
            }
            let mut fds = Vec::with_capacity(p.image.pages_files.len());
            for file in &p.image.pages_files {
                let f = File::open(&file.path).map_err(|source| PrepareSharedError::Open {
                    path: file.path.clone(),
                    source,
                })?;
                fds.push(t.adopt(f.into_raw_fd())?);
            }
            if !fds.is_empty() {
                t.pages.insert(idx, fds);
            }
            let exe = &p.image.core.mm.exe_path;
            if !exe.is_empty() {
                if let Ok(f) = File::open(exe) {
                    let fd = t.adopt(f.into_raw_fd())?;
                    t.exes.insert(idx, fd);
                }
            }
            for vma in &p.image.vmas {
                let kind = vma.kind.enum_value_or_default();
                if !matches!(kind, VmaKind::VMA_FILE_PRIVATE | VmaKind::VMA_FILE_SHARED) {
                    continue;
                }
                let Some(file) = vma.file.as_ref() else {
                    continue;
                };
                if file.deleted || t.files.contains_key(&file.path) {
                    continue;
                }
                let writable = p.image.vmas.iter().any(|v| {
                    v.kind.enum_value_or_default() == VmaKind::VMA_FILE_SHARED
                        && v.prot & libc::PROT_WRITE as u32 != 0
                        && v.file.as_ref().is_some_and(|f| f.path == file.path)
                });
                let f = OpenOptions::new()
                    .read(true)
                    .write(writable)
                    .open(&file.path)
                    .map_err(|source| PrepareSharedError::Open {
                        path: file.path.clone().into(),
                        source,
                    })?;
                let fd = t.adopt(f.into_raw_fd())?;
                t.files.insert(file.path.clone(), fd);
            }
        }
        Ok(t)
    }

    /// Opens once each regular file or directory description that more than one fd of the tree
    /// refers to, so that they share offset and status flags again.
    fn open_shared_descriptions(&mut self, plan: &Plan) -> Result<(), PrepareSharedError> {
        let mut users: HashMap<u64, (usize, &FdEntry)> = HashMap::new();
        for p in plan.processes.iter().filter(|p| !p.is_zombie()) {
            for e in &p.image.fds {
                let kind = e.kind.enum_value_or_default();
                if !matches!(kind, FdKind::FD_REG | FdKind::FD_DIR) {
                    continue;
                }
                if let Some(id) = e.file_id {
                    users.entry(id).or_insert((0, e)).0 += 1;
                }
            }
        }
        let mut shared: Vec<_> = users.into_iter().filter(|(_, (n, _))| *n > 1).collect();
        shared.sort_unstable_by_key(|&(id, _)| id);
        for (id, (_, e)) in shared {
            let path = crate::native::process_setup::fd_open_path(e, self);
            let fd =
                crate::native::process_setup::open_flags(&path, e.flags).map_err(|source| {
                    PrepareSharedError::Open {
                        path: path.clone().into(),
                        source,
                    }
                })?;
            let fd = self.adopt(fd)?;
            self.descriptions.insert(id, fd);
        }
        Ok(())
    }

    /// Moves `fd` to a table number (≥ base) and records it.
    fn adopt(&mut self, fd: RawFd) -> Result<RawFd, PrepareSharedError> {
        let base = self.base;
        let moved = self_setup::dup_above(fd, base)
            .map_err(|source| PrepareSharedError::Table { base, source })?;
        let _ = self_setup::close(fd);
        self.all.push(moved);
        Ok(moved)
    }

    /// The fd a mapping of `vma` should use: a ghost, a shared memfd or the opened file.
    pub fn mapping_fd(&self, vma: &images_format::proto::mm::Vma) -> Option<RawFd> {
        if let Some(id) = vma.shmem_id {
            if let Some(&fd) = self.memfds.get(&id) {
                return Some(fd);
            }
        }
        let file = vma.file.as_ref()?;
        if file.deleted {
            return file.ghost_id.and_then(|id| self.ghosts.get(&id).copied());
        }
        self.files.get(&file.path).copied()
    }

    /// The lowest table fd number.
    pub fn base(&self) -> RawFd {
        self.base
    }

    /// Closes the write end of the control pipe in the tracer (after the root was forked), so
    /// that the read end sees end-of-file once every new process has reported or died.
    pub fn close_control_write(&mut self) {
        let fd = self.control_write;
        self.all.retain(|&f| f != fd);
        let _ = self_setup::close(fd);
    }
}

impl Drop for SharedFds {
    fn drop(&mut self) {
        for &fd in &self.all {
            let _ = self_setup::close(fd);
        }
    }
}

fn fd_into_file(fd: RawFd) -> File {
    use std::os::fd::FromRawFd;
    // SAFETY: `fd` was just returned by the kernel to us and nothing else owns it.
    unsafe { File::from_raw_fd(fd) }
}

fn raise_nofile_limit() {
    let me = linux_sys::pid::Pid::this_process();
    if let Ok(lim) = linux_sys::tracer_syscalls::get_rlimit(me, libc::RLIMIT_NOFILE) {
        let _ = linux_sys::tracer_syscalls::set_rlimit(
            me,
            libc::RLIMIT_NOFILE,
            linux_sys::tracer_syscalls::Rlimit {
                cur: lim.max,
                max: lim.max,
            },
        );
    }
}

fn fill_pipe(w: RawFd, data: &images_format::proto::files::PipeData) -> std::io::Result<()> {
    if data.pipe_size as usize > data.data.len() && data.pipe_size != 0 {
        let _ = self_setup::set_pipe_size(w, data.pipe_size as i32);
    } else if data.data.len() > 65536 {
        self_setup::set_pipe_size(w, data.data.len() as i32)?;
    }
    let dup = self_setup::dup_above(w, 3)?;
    let mut f = fd_into_file(dup);
    // The pipe is empty and at least as large as the data, so this cannot block.
    f.write_all(&data.data)?;
    drop(f);
    Ok(())
}

/// Where a ghost file is recreated: its original path (it was deleted, so the name is normally
/// free); the fd keeps it alive after the unlink.
fn ghost_path(plan: &Plan, id: u32) -> String {
    for p in &plan.processes {
        for fd in &p.image.fds {
            if let Some(f) = fd.file.as_ref() {
                if f.ghost_id == Some(id) {
                    return f.path.clone();
                }
            }
        }
        for v in &p.image.vmas {
            if let Some(f) = v.file.as_ref() {
                if f.ghost_id == Some(id) {
                    return f.path.clone();
                }
            }
        }
    }
    format!("/tmp/hmcr-ghost-{id}")
}

fn recreate_ghost(
    path: &str,
    ghost: &images_format::proto::files::GhostFile,
) -> std::io::Result<RawFd> {
    let mode = if ghost.mode & 0o7777 != 0 {
        ghost.mode & 0o7777
    } else {
        0o600
    };
    let open = |p: &Path| {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(p)
    };
    let original = Path::new(path);
    let (mut f, created) = match open(original) {
        Ok(f) => (f, original.to_path_buf()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            // Someone reused the name: recreate next to it under a private name.
            let alt = PathBuf::from(format!("{path}.hmcr-ghost-{}", ghost.id));
            (open(&alt)?, alt)
        }
        Err(e) => return Err(e),
    };
    let unlink_result = std::fs::remove_file(&created);
    f.write_all(&ghost.contents)?;
    unlink_result?;
    Ok(f.into_raw_fd())
}
