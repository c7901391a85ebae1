//! Open file descriptors of a frozen process: `/proc/PID/fd` links, `fdinfo` (flags, offset) and
//! `stat` of the open file. Pipes/FIFOs get their buffered bytes copied without consuming them;
//! deleted regular files get their contents stored as ghost files. Kinds hmcr cannot restore are
//! refused here, naming the fd.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};

use images_format::proto::common::FileRef;
use images_format::proto::files::{FdEntry, FdKind, GhostFile, PipeData};
use linux_sys::pid::Pid;
use linux_sys::pipe_peek;
use protobuf::MessageField;

use crate::error::CollectError;
use crate::fdinfo::{self, LinkTarget};

/// Largest deleted-file contents stored as a ghost file (held in memory until written, which
/// happens after each process).
pub const GHOST_LIMIT: u64 = 32 << 20;

/// An fd already given a file id: (pid, fd, file id).
type SeenDescription = (Pid, i32, u64);

/// Pipe data and ghost files collected across the whole tree (shared between processes).
#[derive(Debug, Default)]
pub struct SharedFiles {
    pub pipes: HashMap<u64, PipeData>,
    /// Ghost files collected but not written yet (see [`SharedFiles::take_ghosts`]).
    ghosts: Vec<GhostFile>,
    next_ghost_id: u32,
    /// (dev, ino) of a deleted file → ghost id, so that a file open twice is stored once.
    ghost_ids: HashMap<(u64, u64), u32>,
    /// (dev, ino) → the open file descriptions seen on it: (pid, fd, file id).
    descriptions: HashMap<(u64, u64), Vec<SeenDescription>>,
    next_file_id: u64,
}

impl SharedFiles {
    /// The id of the open file description behind `pid`'s `fd` (on file `dev`/`ino`): that of
    /// an fd seen before that kcmp says is the same description, or a new one.
    fn file_id(&mut self, pid: Pid, fd: i32, dev: u64, ino: u64) -> u64 {
        let seen = self.descriptions.entry((dev, ino)).or_default();
        if let Some(&(_, _, id)) = seen
            .iter()
            .find(|&&(p, f, _)| same_description(pid, fd, p, f))
        {
            return id;
        }
        self.next_file_id += 1;
        let id = self.next_file_id;
        seen.push((pid, fd, id));
        id
    }

    /// The ghost files collected since the last call, to be written and dropped.
    pub fn take_ghosts(&mut self) -> Vec<GhostFile> {
        std::mem::take(&mut self.ghosts)
    }
}

/// Stores the contents of the deleted file mapped at `start..end` of `pid` as a ghost file
/// (read through `/proc/PID/map_files/`); returns its ghost id.
pub fn ghost_for_mapping(
    pid: Pid,
    start: u64,
    end: u64,
    path: &str,
    shared: &mut SharedFiles,
) -> Result<u32, CollectError> {
    let open_path = format!("/proc/{pid}/map_files/{start:x}-{end:x}");
    let md = std::fs::metadata(&open_path).map_err(|source| CollectError::Ghost {
        pid,
        path: path.to_string(),
        source,
    })?;
    ghost(pid, -1, path, &open_path, &md, shared)
}

fn is_tty_rdev(rdev: u64) -> bool {
    let major = libc::major(rdev);
    let minor = libc::minor(rdev);
    // 4: virtual consoles/serial, 5:0 /dev/tty, 5:1 console, 5:2 ptmx, 136-143: pty slaves.
    major == 4 || (major == 5 && minor <= 2) || (136..=143).contains(&major)
}

fn file_ref(path: &str, deleted: bool, md: &std::fs::Metadata) -> FileRef {
    let mut f = FileRef::new();
    f.path = path.to_string();
    f.dev = md.dev();
    f.ino = md.ino();
    f.size = md.size();
    f.mtime_ns = md.mtime().saturating_mul(1_000_000_000) + md.mtime_nsec();
    f.mode = md.mode();
    f.deleted = deleted;
    f
}

/// Collects the descriptors of `pid`.
pub fn collect(
    pid: Pid,
    shell_job: bool,
    shared: &mut SharedFiles,
) -> Result<Vec<FdEntry>, CollectError> {
    let dir_path = format!("/proc/{pid}/fd");
    let dir = std::fs::read_dir(&dir_path).map_err(|source| proc_err(pid, &dir_path, source))?;
    let mut fds: Vec<i32> = dir
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().and_then(|s| s.parse().ok()))
        .collect();
    fds.sort_unstable();
    let mut out = Vec::with_capacity(fds.len());
    for fd in fds {
        if let Some(entry) = collect_fd(pid, fd, shell_job, shared)? {
            out.push(entry);
        }
    }
    Ok(out)
}

/// kcmp(KCMP_FILE): whether two fds (possibly of two processes) refer to one open file
/// description. An error (kcmp unavailable, process gone) counts as "not the same", which
/// restores them as separate descriptions, as before file ids existed.
fn same_description(pid1: Pid, fd1: i32, pid2: Pid, fd2: i32) -> bool {
    const KCMP_FILE: libc::c_long = 0;
    // SAFETY: kcmp takes integers only and reads no memory of ours.
    let r = unsafe {
        libc::syscall(
            libc::SYS_kcmp,
            libc::c_long::from(pid1.as_raw()),
            libc::c_long::from(pid2.as_raw()),
            KCMP_FILE,
            libc::c_long::from(fd1),
            libc::c_long::from(fd2),
        )
    };
    r == 0
}

fn proc_err(pid: Pid, path: &str, source: std::io::Error) -> CollectError {
    if source.kind() == std::io::ErrorKind::NotFound {
        CollectError::TargetExited {
            pid,
            during: format!("reading {path}"),
        }
    } else {
        CollectError::Proc {
            pid,
            path: path.to_string(),
            source,
        }
    }
}

fn collect_fd(
    pid: Pid,
    fd: i32,
    shell_job: bool,
    shared: &mut SharedFiles,
) -> Result<Option<FdEntry>, CollectError> {
    let link_path = format!("/proc/{pid}/fd/{fd}");
    let link = match std::fs::read_link(&link_path) {
        Ok(l) => l.to_string_lossy().into_owned(),
        // Closed meanwhile cannot happen in a frozen process, but a vanished process can.
        Err(source) => return Err(proc_err(pid, &link_path, source)),
    };
    let info_path = format!("/proc/{pid}/fdinfo/{fd}");
    let info_text =
        std::fs::read_to_string(&info_path).map_err(|source| proc_err(pid, &info_path, source))?;
    let info = fdinfo::parse_fdinfo(&info_text).map_err(|source| CollectError::Parse {
        pid,
        path: info_path.clone(),
        source,
    })?;
    let md = std::fs::metadata(&link_path).map_err(|source| proc_err(pid, &link_path, source))?;

    let mut e = FdEntry::new();
    e.fd = fd;
    e.path = link.clone();
    e.cloexec = info.flags & libc::O_CLOEXEC as u32 != 0;
    e.flags = info.flags & !(libc::O_CLOEXEC as u32);
    e.pos = info.pos;
    let unsupported = |kind: &str| CollectError::UnsupportedFd {
        pid,
        fd,
        kind: kind.to_string(),
        path: link.clone(),
    };
    let ftype = md.mode() & libc::S_IFMT;
    match fdinfo::parse_fd_link(&link) {
        LinkTarget::Socket(_) => return Err(unsupported("a socket")),
        LinkTarget::AnonInode(name) => {
            let kind = match name.as_str() {
                "eventfd" => "an eventfd",
                "eventpoll" => "an epoll instance",
                "signalfd" => "a signalfd",
                "timerfd" => "a timerfd",
                "inotify" => "an inotify instance",
                "pidfd" => "a pidfd",
                "io_uring" => "an io_uring",
                _ => "an anonymous inode",
            };
            return Err(unsupported(kind));
        }
        LinkTarget::Pipe(ino) => {
            e.kind = FdKind::FD_PIPE.into();
            e.pipe_id = Some(ino);
            peek_pipe_data(pid, fd, ino, &link_path, shared)?;
        }
        LinkTarget::Path { path, deleted } => {
            if path.starts_with("/memfd:") {
                return Err(unsupported("a memfd"));
            }
            match ftype {
                libc::S_IFREG => {
                    e.kind = FdKind::FD_REG.into();
                    let mut f = file_ref(&path, deleted, &md);
                    if deleted {
                        f.ghost_id = Some(ghost(pid, fd, &path, &link_path, &md, shared)?);
                    }
                    e.file = MessageField::some(f);
                    e.file_id = Some(shared.file_id(pid, fd, md.dev(), md.ino()));
                    e.path = path;
                }
                libc::S_IFDIR => {
                    e.kind = FdKind::FD_DIR.into();
                    e.file_id = Some(shared.file_id(pid, fd, md.dev(), md.ino()));
                    e.file = MessageField::some(file_ref(&path, deleted, &md));
                    e.path = path;
                }
                libc::S_IFIFO => {
                    e.kind = FdKind::FD_FIFO.into();
                    e.pipe_id = Some(md.ino());
                    e.file = MessageField::some(file_ref(&path, deleted, &md));
                    peek_pipe_data(pid, fd, md.ino(), &link_path, shared)?;
                    e.path = path;
                }
                libc::S_IFCHR => {
                    e.rdev = Some(md.rdev());
                    if is_tty_rdev(md.rdev()) {
                        if !shell_job {
                            return Err(CollectError::TtyWithoutShellJob { pid, fd, path });
                        }
                        e.kind = FdKind::FD_TTY.into();
                    } else {
                        e.kind = FdKind::FD_CHR.into();
                    }
                    e.path = path;
                }
                libc::S_IFSOCK => return Err(unsupported("a socket")),
                libc::S_IFBLK => return Err(unsupported("a block device")),
                _ => return Err(unsupported("an unknown file type")),
            }
        }
    }
    Ok(Some(e))
}

fn peek_pipe_data(
    pid: Pid,
    fd: i32,
    pipe_id: u64,
    link_path: &str,
    shared: &mut SharedFiles,
) -> Result<(), CollectError> {
    if shared.pipes.contains_key(&pipe_id) {
        return Ok(());
    }
    let err = |source| CollectError::PipeData {
        pid,
        fd,
        pipe_id,
        source,
    };
    // Opening /proc/PID/fd/N of a pipe opens the same pipe (read side, non-blocking: no writer
    // needed); tee then copies the buffered bytes without consuming them.
    let ours = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(link_path)
        .map_err(err)?;
    let data = pipe_peek::peek_pipe(&ours).map_err(err)?;
    let mut p = PipeData::new();
    p.pipe_id = pipe_id;
    p.pipe_size = pipe_peek::pipe_capacity(&ours).map_err(err)?;
    p.data = data;
    shared.pipes.insert(pipe_id, p);
    Ok(())
}

/// `fd` is -1 for a mapped (not open) file.
fn ghost(
    pid: Pid,
    fd: i32,
    path: &str,
    link_path: &str,
    md: &std::fs::Metadata,
    shared: &mut SharedFiles,
) -> Result<u32, CollectError> {
    if let Some(id) = shared.ghost_ids.get(&(md.dev(), md.ino())) {
        return Ok(*id);
    }
    if md.size() > GHOST_LIMIT {
        return Err(CollectError::GhostTooBig {
            pid,
            fd,
            path: path.to_string(),
            size: md.size(),
            limit: GHOST_LIMIT,
        });
    }
    let err = |source| CollectError::Ghost {
        pid,
        path: path.to_string(),
        source,
    };
    let mut contents = Vec::with_capacity(md.size() as usize);
    File::open(link_path)
        .map_err(err)?
        .read_to_end(&mut contents)
        .map_err(err)?;
    let id = shared.next_ghost_id;
    shared.next_ghost_id += 1;
    let mut g = GhostFile::new();
    g.id = id;
    g.mode = md.mode();
    g.contents = contents;
    shared.ghosts.push(g);
    shared.ghost_ids.insert((md.dev(), md.ino()), id);
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::is_tty_rdev;

    #[test]
    fn tty_devices() {
        assert!(is_tty_rdev(libc::makedev(136, 3)));
        assert!(is_tty_rdev(libc::makedev(5, 0)));
        assert!(is_tty_rdev(libc::makedev(4, 1)));
        assert!(!is_tty_rdev(libc::makedev(1, 3))); // /dev/null
        assert!(!is_tty_rdev(libc::makedev(5, 3)));
    }
}
