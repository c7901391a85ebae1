//! The guest's file descriptors at their numbers, with their flags and offsets: regular files,
//! directories and character devices reopened by path, pipes recreated with their buffered data
//! (both ends connected when the process holds both; an end whose peer was outside the process
//! gets a new pipe whose other end is closed, as if the peer had gone). Then cwd, umask and
//! rlimits.
//!
//! Every description is first opened at a number above the image's fds, then moved into place,
//! so the restorer's own descriptors are never clobbered half-way.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;

use images_format::proto::files::{FdEntry, FdKind, PipeData};
use images_format::proto::process::ProcessCore;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum RestoreFdsError {
    #[error("fd {fd} of the image is a {kind:?} ({path}); translated restore reopens regular files, directories, character devices and pipes within the process")]
    Unsupported { fd: i32, kind: FdKind, path: String },
    #[error("fd {fd} ({path}) was deleted while open; translated restore does not recreate deleted files")]
    Deleted { fd: i32, path: String },
    #[error("reopening fd {fd} ({path}): {source}")]
    Open {
        fd: i32,
        path: String,
        source: std::io::Error,
    },
    #[error("recreating the pipe of fd {fd}: {source}")]
    Pipe { fd: i32, source: std::io::Error },
    #[error("fd {fd} of the image is needed by this restorer itself ({holder}); give the log file (-o) another number, e.g. by opening more files first")]
    Taken { fd: i32, holder: String },
    #[error("placing fd {fd}: {what}: {source}")]
    Place {
        fd: i32,
        what: &'static str,
        source: std::io::Error,
    },
    #[error("restoring the working directory {path}: {source}")]
    Cwd {
        path: String,
        source: std::io::Error,
    },
    #[error("restoring resource limit {resource} (soft {cur:#x}, hard {max:#x}): {source}")]
    Rlimit {
        resource: u32,
        cur: u64,
        max: u64,
        source: std::io::Error,
    },
}

/// open(2) flags of the image (x86_64 values) as this host's kernel takes them.
fn host_open_flags(x86: u32) -> i32 {
    let f = if cfg!(target_arch = "aarch64") {
        xlate::syscall::abi::open_flags_to_aarch64(u64::from(x86))
    } else {
        u64::from(x86)
    };
    f as i32
}

fn open_path(e: &FdEntry) -> Result<OwnedFd, RestoreFdsError> {
    if e.file.as_ref().is_some_and(|f| f.deleted) {
        return Err(RestoreFdsError::Deleted {
            fd: e.fd,
            path: e.path.clone(),
        });
    }
    let flags = host_open_flags(e.flags);
    let acc = flags & libc::O_ACCMODE;
    let extra = flags
        & !(libc::O_ACCMODE
            | libc::O_CREAT
            | libc::O_EXCL
            | libc::O_TRUNC
            | libc::O_NOCTTY
            | libc::O_CLOEXEC);
    let file = OpenOptions::new()
        .read(acc == libc::O_RDONLY || acc == libc::O_RDWR)
        .write(acc == libc::O_WRONLY || acc == libc::O_RDWR)
        .custom_flags(extra | libc::O_CLOEXEC)
        .open(&e.path)
        .map_err(|source| RestoreFdsError::Open {
            fd: e.fd,
            path: e.path.clone(),
            source,
        })?;
    let fd: OwnedFd = file.into();
    if e.kind.enum_value_or_default() == FdKind::FD_REG {
        // SAFETY: lseek on a descriptor we own.
        let r = unsafe { libc::lseek(fd.as_raw_fd(), e.pos as libc::off_t, libc::SEEK_SET) };
        if r < 0 {
            return Err(RestoreFdsError::Open {
                fd: e.fd,
                path: format!("{} (seeking to offset {})", e.path, e.pos),
                source: std::io::Error::last_os_error(),
            });
        }
    }
    Ok(fd)
}

/// A new pipe (read end, write end) holding `data`.
fn make_pipe(fd: i32, data: Option<&PipeData>) -> Result<(OwnedFd, OwnedFd), RestoreFdsError> {
    let mut p = [0 as RawFd; 2];
    // SAFETY: pipe2 writes two descriptors into the array.
    if unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return Err(RestoreFdsError::Pipe {
            fd,
            source: std::io::Error::last_os_error(),
        });
    }
    // SAFETY: both descriptors were just created and are owned by nobody else.
    let (r, w) = unsafe { (OwnedFd::from_raw_fd(p[0]), OwnedFd::from_raw_fd(p[1])) };
    if let Some(d) = data {
        if d.pipe_size != 0 {
            // SAFETY: fcntl on a descriptor we own.
            unsafe {
                libc::fcntl(
                    w.as_raw_fd(),
                    libc::F_SETPIPE_SZ,
                    d.pipe_size as libc::c_int,
                )
            };
        }
        let mut off = 0;
        while off < d.data.len() {
            // SAFETY: writing from a live buffer to our own pipe.
            let n = unsafe {
                libc::write(
                    w.as_raw_fd(),
                    d.data[off..].as_ptr().cast(),
                    d.data.len() - off,
                )
            };
            if n <= 0 {
                return Err(RestoreFdsError::Pipe {
                    fd,
                    source: std::io::Error::last_os_error(),
                });
            }
            off += n as usize;
        }
    }
    Ok((r, w))
}

/// A copy of `fd` at a number >= `min` (so that placing the image's fds never closes it).
fn raise(fd: OwnedFd, min: i32) -> std::io::Result<OwnedFd> {
    // SAFETY: F_DUPFD_CLOEXEC on a descriptor we own returns a new descriptor or -1.
    let n = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_DUPFD_CLOEXEC, min) };
    if n < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `n` was just created and belongs to nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(n) })
}

fn holder(fd: i32) -> Option<String> {
    std::fs::read_link(format!("/proc/self/fd/{fd}"))
        .ok()
        .map(|p| format!("{} (fd {fd})", p.display()))
}

/// Places every fd of the image at its number. Descriptors the restorer inherited at those
/// numbers give way to the guest's, except those in `reserved` (the restorer's own log file,
/// its readiness pipe), which are an error.
pub fn restore_fds(
    fds: &[FdEntry],
    pipes: &[PipeData],
    reserved: &[RawFd],
) -> Result<(), RestoreFdsError> {
    let mut opened: Vec<(i32, bool, OwnedFd)> = Vec::new();
    let mut descriptions: HashMap<u64, usize> = HashMap::new();
    let mut pipe_ends: HashMap<u64, (OwnedFd, OwnedFd)> = HashMap::new();
    for e in fds.iter().filter(|e| reserved.contains(&e.fd)) {
        if let Some(h) = holder(e.fd) {
            return Err(RestoreFdsError::Taken {
                fd: e.fd,
                holder: h,
            });
        }
    }
    let above = fds
        .iter()
        .map(|e| e.fd)
        .chain(reserved.iter().copied())
        .max()
        .unwrap_or(2)
        .max(2)
        + 1;
    for e in fds {
        let kind = e.kind.enum_value_or_default();
        let fd = e.fd;
        let owned = match kind {
            FdKind::FD_REG | FdKind::FD_DIR | FdKind::FD_CHR => {
                match e.file_id.and_then(|id| descriptions.get(&id)) {
                    Some(&i) => {
                        opened[i]
                            .2
                            .try_clone()
                            .map_err(|source| RestoreFdsError::Place {
                                fd,
                                what: "sharing an open file description",
                                source,
                            })?
                    }
                    None => {
                        let o = open_path(e)?;
                        if let Some(id) = e.file_id {
                            descriptions.insert(id, opened.len());
                        }
                        o
                    }
                }
            }
            FdKind::FD_PIPE => {
                let id = e.pipe_id.unwrap_or(0);
                let (r, w) = match pipe_ends.entry(id) {
                    std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(make_pipe(fd, pipes.iter().find(|p| p.pipe_id == id))?)
                    }
                };
                let end = if e.flags as i32 & libc::O_ACCMODE == libc::O_RDONLY {
                    &*r
                } else {
                    &*w
                };
                end.try_clone()
                    .map_err(|source| RestoreFdsError::Pipe { fd, source })?
            }
            _ => {
                return Err(RestoreFdsError::Unsupported {
                    fd,
                    kind,
                    path: e.path.clone(),
                })
            }
        };
        let owned = raise(owned, above).map_err(|source| RestoreFdsError::Place {
            fd,
            what: "moving above the image's descriptors",
            source,
        })?;
        opened.push((fd, e.cloexec, owned));
    }
    // every description is open (copies above the image's numbers): the originals go first,
    // or closing them later would close the guest's fds placed at their numbers
    drop(pipe_ends);
    // every description is open: move each to its number
    for (fd, cloexec, owned) in opened {
        let flags = if cloexec { libc::O_CLOEXEC } else { 0 };
        // SAFETY: dup3 onto `fd`: free, or a descriptor the restorer inherited and does not use
        // (its reserved ones were checked above); `owned` stays valid until dropped.
        if unsafe { libc::dup3(owned.as_raw_fd(), fd, flags) } < 0 {
            return Err(RestoreFdsError::Place {
                fd,
                what: "dup3",
                source: std::io::Error::last_os_error(),
            });
        }
    }
    Ok(())
}

/// Working directory, umask and resource limits.
pub fn restore_process_fs(core: &ProcessCore) -> Result<(), RestoreFdsError> {
    if let Some(fs) = core.fs.as_ref() {
        if !fs.cwd.is_empty() {
            std::env::set_current_dir(&fs.cwd).map_err(|source| RestoreFdsError::Cwd {
                path: fs.cwd.clone(),
                source,
            })?;
        }
        // SAFETY: umask has no preconditions.
        unsafe { libc::umask(fs.umask as libc::mode_t) };
    }
    for r in &core.rlimits {
        let lim = libc::rlimit64 {
            rlim_cur: r.cur,
            rlim_max: r.max,
        };
        // SAFETY: prlimit64 on this process with a valid new limit and no old-limit output.
        let rc = unsafe {
            libc::prlimit64(
                0,
                r.resource as libc::__rlimit_resource_t,
                &lim,
                std::ptr::null_mut(),
            )
        };
        if rc < 0 {
            return Err(RestoreFdsError::Rlimit {
                resource: r.resource,
                cur: r.cur,
                max: r.max,
                source: std::io::Error::last_os_error(),
            });
        }
    }
    Ok(())
}
