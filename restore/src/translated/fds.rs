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
    #[error("fd {fd} of the image is a terminal ({path}); restore with --shell-job to give the process this terminal")]
    TtyNeedsShellJob { fd: i32, path: String },
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
///
/// Terminal fds (`FD_TTY`) get `terminal` (a terminal descriptor of the restorer, with
/// `--shell-job`); without one they are refused.
pub fn restore_fds(
    fds: &[FdEntry],
    pipes: &[PipeData],
    reserved: &[RawFd],
    terminal: Option<RawFd>,
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
            FdKind::FD_TTY => {
                let Some(t) = terminal else {
                    return Err(RestoreFdsError::TtyNeedsShellJob {
                        fd,
                        path: e.path.clone(),
                    });
                };
                // SAFETY: F_DUPFD_CLOEXEC on the caller's terminal descriptor.
                let n = unsafe { libc::fcntl(t, libc::F_DUPFD_CLOEXEC, 0) };
                if n < 0 {
                    return Err(RestoreFdsError::Place {
                        fd,
                        what: "sharing this terminal",
                        source: std::io::Error::last_os_error(),
                    });
                }
                // SAFETY: `n` was just created and belongs to nobody else.
                unsafe { OwnedFd::from_raw_fd(n) }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Seek, Write};

    fn reg(fd: i32, path: &str, flags: u32, pos: u64, file_id: u64) -> FdEntry {
        let mut e = FdEntry::new();
        e.fd = fd;
        e.kind = FdKind::FD_REG.into();
        e.path = path.into();
        e.flags = flags;
        e.pos = pos;
        e.file_id = Some(file_id);
        e
    }

    fn pipe_end(fd: i32, id: u64, flags: u32) -> FdEntry {
        let mut e = FdEntry::new();
        e.fd = fd;
        e.kind = FdKind::FD_PIPE.into();
        e.path = format!("pipe:[{id}]");
        e.flags = flags;
        e.pipe_id = Some(id);
        e
    }

    /// The fd of `n`, taken back as a File (closed on drop).
    fn take(n: i32) -> std::fs::File {
        // SAFETY: the test placed this descriptor and owns it from here on.
        unsafe { std::fs::File::from_raw_fd(n) }
    }

    // High numbers keep clear of the test harness's own descriptors.
    #[test]
    fn files_are_placed_with_offsets_flags_shared_descriptions_and_pipes_with_data() {
        let dir = std::env::temp_dir().join(format!("hmcr-xfds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let data = dir.join("data");
        std::fs::write(&data, b"0123456789abcdef").expect("writing data");
        let p = data.to_str().expect("utf-8");
        let fds = vec![
            reg(600, p, libc::O_RDONLY as u32, 10, 1),
            reg(601, p, libc::O_RDONLY as u32, 10, 1), // dup of 600: one offset
            reg(602, p, (libc::O_WRONLY | libc::O_APPEND) as u32, 16, 2),
            pipe_end(603, 77, libc::O_RDONLY as u32),
            pipe_end(604, 77, libc::O_WRONLY as u32),
        ];
        let mut pd = PipeData::new();
        pd.pipe_id = 77;
        pd.data = b"buffered".to_vec();
        restore_fds(&fds, &[pd], &[], None).expect("placing the fds");

        let mut a = take(600);
        let mut b = take(601);
        let mut one = [0u8; 2];
        a.read_exact(&mut one).expect("read at 10");
        assert_eq!(&one, b"ab");
        b.read_exact(&mut one).expect("read on the shared offset");
        assert_eq!(
            &one, b"cd",
            "600 and 601 must share one open file description"
        );
        let mut w = take(602);
        w.write_all(b"!").expect("append");
        assert_eq!(
            std::fs::read(&data).expect("reading back"),
            b"0123456789abcdef!"
        );
        assert_eq!(w.stream_position().expect("tell"), 17);
        // SAFETY: fcntl on a descriptor we own.
        let fl = unsafe { libc::fcntl(602, libc::F_GETFL) };
        assert_ne!(fl & libc::O_APPEND, 0, "O_APPEND was lost");
        let mut r = take(603);
        let mut wp = take(604);
        wp.write_all(b"+more").expect("writing the pipe");
        drop(wp);
        let mut got = String::new();
        r.read_to_string(&mut got).expect("reading the pipe");
        assert_eq!(got, "buffered+more");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_reserved_number_is_an_error_and_unsupported_kinds_are_refused_by_name() {
        let mut e = FdEntry::new();
        e.fd = 0; // taken (stdin) and reserved
        e.kind = FdKind::FD_CHR.into();
        e.path = "/dev/null".into();
        assert!(matches!(
            restore_fds(&[e], &[], &[0], None),
            Err(RestoreFdsError::Taken { fd: 0, .. })
        ));
        let mut s = FdEntry::new();
        s.fd = 610;
        s.kind = FdKind::FD_SOCKET.into();
        s.path = "socket:[1]".into();
        let err = restore_fds(&[s], &[], &[], None).expect_err("sockets are refused");
        assert!(err.to_string().contains("FD_SOCKET"), "{err}");
        let mut t = FdEntry::new();
        t.fd = 611;
        t.kind = FdKind::FD_TTY.into();
        t.path = "/dev/pts/9".into();
        assert!(matches!(
            restore_fds(std::slice::from_ref(&t), &[], &[], None),
            Err(RestoreFdsError::TtyNeedsShellJob { fd: 611, .. })
        ));
        // with --shell-job, the restorer's terminal (here the slave side of a new pty)
        let (mut m, mut sl) = (0, 0);
        // SAFETY: openpty writes two descriptors; no name, termios or size.
        let r = unsafe {
            libc::openpty(
                &mut m,
                &mut sl,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(r, 0, "openpty: {}", std::io::Error::last_os_error());
        restore_fds(&[t], &[], &[], Some(sl)).expect("placing the terminal");
        // SAFETY: isatty on the placed descriptor.
        assert_eq!(unsafe { libc::isatty(611) }, 1);
        for n in [611, m, sl] {
            drop(take(n));
        }
    }
}
