//! What each new process does for itself, right after it is forked and while it is still a copy
//! of hmcr: session and process group, its own children (and zombies), file descriptors at their
//! numbers, cwd/root/umask, personality, rlimits, signal dispositions, itimers, and a scratch
//! mapping holding a `syscall` instruction. It then reports on the control pipe and waits for the
//! tracer. Credentials come later (remote syscalls), because the remote steps need privileges.
//!
//! hmcr is single-threaded while it forks, so the new process may allocate; it only avoids C
//! library calls that rely on the cached thread id (see [`linux_sys::clone3::fork_with_pid`]).

use std::collections::{HashMap, HashSet};
use std::fs::OpenOptions;
use std::os::fd::{IntoRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;

use images_format::proto::files::{FdEntry, FdKind};
use linux_sys::clone3::Forked;
use linux_sys::pid::Pid;
use linux_sys::self_setup::{self, KernelSigaction};
use thiserror::Error;

use crate::native::control::Report;
use crate::native::fork_tree::{child_exit_signal, fork_process};
use crate::native::plan::{Plan, ProcPlan, SCRATCH_LEN};
use crate::native::shared_fds::SharedFds;

/// The instructions at the start of every scratch mapping: `syscall; int3`.
pub(crate) const SCRATCH_CODE: [u8; 3] = [0x0f, 0x05, 0xcc];

/// Why a new process could not set itself up (sent to the tracer as text).
#[derive(Debug, Error)]
pub enum SetupProcessError {
    #[error("recreating session {sid} / process group {pgid}: {source}")]
    Session {
        sid: u32,
        pgid: u32,
        source: std::io::Error,
    },
    #[error("making the terminal (hmcr's fd 0) the controlling terminal of restored session {sid}: {source}; a restored session leader can only get a terminal that is not the controlling terminal of another session: give hmcr such a terminal (a new pty, with hmcr in a session of its own) as stdin")]
    ControllingTty { sid: u32, source: std::io::Error },
    #[error("{0}")]
    Fork(#[from] crate::native::fork_tree::ForkTreeError),
    #[error("{0}")]
    Fds(#[from] RestoreFdsError),
    #[error("setting working directory {path}: {source}")]
    Cwd {
        path: String,
        source: std::io::Error,
    },
    #[error("changing root to {path}: {source}")]
    Root {
        path: String,
        source: std::io::Error,
    },
    #[error("setting personality {value:#x}: {source}")]
    Personality { value: u32, source: std::io::Error },
    #[error("setting rlimit {resource} to {cur}/{max}: {source}")]
    Rlimit {
        resource: u32,
        cur: u64,
        max: u64,
        source: std::io::Error,
    },
    #[error("setting the action of signal {signo}: {source}")]
    Sigaction { signo: u32, source: std::io::Error },
    #[error("arming interval timer {which}: {source}")]
    Itimer { which: i32, source: std::io::Error },
    #[error(
        "no room for the restorer's scratch page (tried {tried} addresses, last error: {last})"
    )]
    Scratch { tried: usize, last: std::io::Error },
    #[error("blocking signals: {0}")]
    Signals(std::io::Error),
}

/// Placing one file descriptor failed.
#[derive(Debug, Error)]
pub enum RestoreFdsError {
    #[error("fd {fd}: opening {path}: {source}")]
    Open {
        fd: i32,
        path: String,
        source: std::io::Error,
    },
    #[error("fd {fd}: putting it at its number: {source}")]
    Place { fd: i32, source: std::io::Error },
    #[error("fd {fd}: seeking {path} to offset {pos}: {source}")]
    Seek {
        fd: i32,
        path: String,
        pos: u64,
        source: std::io::Error,
    },
    #[error("fd {fd}: restoring flags {flags:#o}: {source}")]
    Flags {
        fd: i32,
        flags: u32,
        source: std::io::Error,
    },
    #[error("fd {fd}: {what} {id:#x} was not prepared by the tracer")]
    Missing {
        fd: i32,
        what: &'static str,
        id: u64,
    },
    #[error("fd {fd}: creating eventfd: {source}")]
    Eventfd { fd: i32, source: std::io::Error },
    #[error("fd {fd}: kind {kind:?} is not supported")]
    Unsupported { fd: i32, kind: FdKind },
    #[error("closing hmcr's own fds: {0}")]
    CloseOwn(std::io::Error),
}

/// Runs in a newly forked process; never returns.
pub(crate) fn child_main(
    plan: &Plan,
    shared: &SharedFds,
    idx: usize,
    mut pidmap: HashMap<u32, i32>,
) -> ! {
    let orig = plan.processes[idx].orig.as_u32();
    let control = shared.control_write;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        setup(plan, shared, idx, &mut pidmap)
    }));
    let pid = std::process::id() as i32;
    match result {
        Ok(Ok(scratch)) => {
            Report::Ready { orig, pid, scratch }.send(control);
            self_setup::pause_forever()
        }
        Ok(Err(e)) => {
            Report::Failed {
                orig,
                message: e.to_string(),
            }
            .send(control);
            self_setup::exit_now(1)
        }
        Err(_) => {
            Report::Failed {
                orig,
                message: "internal error (panic) while setting up".into(),
            }
            .send(control);
            self_setup::exit_now(1)
        }
    }
}

/// Process-level setup; returns the scratch address.
fn setup(
    plan: &Plan,
    shared: &SharedFds,
    idx: usize,
    pidmap: &mut HashMap<u32, i32>,
) -> Result<u64, SetupProcessError> {
    let me = &plan.processes[idx];
    self_setup::block_all_signals().map_err(SetupProcessError::Signals)?;
    // If our parent dies during the restore, so do we: no half-restored process survives.
    let _ = self_setup::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as u64);
    pidmap.insert(me.orig.as_u32(), std::process::id() as i32);
    join_session(plan, idx, pidmap)?;
    take_controlling_tty(plan, idx, shared)?;

    for &c in &me.children {
        let child = &plan.processes[c];
        match fork_process(child.orig, plan.pid_policy, child_exit_signal(child))? {
            Forked::Child => {
                if child.is_zombie() {
                    become_zombie(child.image.entry.exit_code.unwrap_or(0));
                }
                child_main(plan, shared, c, pidmap.clone());
            }
            Forked::Parent(pid) => {
                pidmap.insert(child.orig.as_u32(), pid.as_raw());
                create_child_group(child, pid.as_raw())?;
                if child.is_zombie() {
                    Report::Zombie {
                        orig: child.orig.as_u32(),
                        pid: pid.as_raw(),
                    }
                    .send(shared.control_write);
                }
            }
        }
    }

    let core = &me.image.core;
    restore_fds(&me.image.fds, shared)?;
    if let Some(fs) = core.fs.as_ref() {
        if !fs.cwd.is_empty() {
            std::env::set_current_dir(&fs.cwd).map_err(|source| SetupProcessError::Cwd {
                path: fs.cwd.clone(),
                source,
            })?;
        }
        if !fs.root.is_empty() && fs.root != "/" {
            std::os::unix::fs::chroot(&fs.root).map_err(|source| SetupProcessError::Root {
                path: fs.root.clone(),
                source,
            })?;
        }
        self_setup::set_umask(fs.umask);
    }
    self_setup::set_personality(core.personality).map_err(|source| {
        SetupProcessError::Personality {
            value: core.personality,
            source,
        }
    })?;
    let me_pid = Pid::this_process();
    for r in &core.rlimits {
        let lim = linux_sys::tracer_syscalls::Rlimit {
            cur: r.cur,
            max: r.max,
        };
        linux_sys::tracer_syscalls::set_rlimit(me_pid, r.resource, lim).map_err(|source| {
            SetupProcessError::Rlimit {
                resource: r.resource,
                cur: r.cur,
                max: r.max,
                source,
            }
        })?;
    }
    for sa in &core.sigactions {
        let signo = sa.signo as i32;
        if signo == libc::SIGKILL || signo == libc::SIGSTOP || !(1..=64).contains(&signo) {
            continue;
        }
        let act = KernelSigaction {
            handler: sa.handler,
            flags: sa.flags,
            restorer: sa.restorer,
            mask: sa.mask,
        };
        self_setup::set_sigaction_raw(signo, &act).map_err(|source| {
            SetupProcessError::Sigaction {
                signo: sa.signo,
                source,
            }
        })?;
    }
    if let Some(it) = core.itimers.as_ref() {
        let timers = [
            (libc::ITIMER_REAL, &it.real),
            (libc::ITIMER_VIRTUAL, &it.virt),
            (libc::ITIMER_PROF, &it.prof),
        ];
        for (which, t) in timers {
            if let Some(t) = t.as_ref() {
                if let Some(value_ns) = crate::itimer_start::first_expiry_ns(t) {
                    self_setup::set_itimer(which, t.interval_ns, value_ns)
                        .map_err(|source| SetupProcessError::Itimer { which, source })?;
                }
            }
        }
    }
    map_scratch(plan)
}

/// Session and process group as in the image. A process that led its session calls setsid; one
/// that led its group creates it; one in another process's group joins it (group leaders are
/// forked before their siblings). The root keeps hmcr's session when its own was outside the tree.
fn join_session(
    plan: &Plan,
    idx: usize,
    pidmap: &HashMap<u32, i32>,
) -> Result<(), SetupProcessError> {
    let e = &plan.processes[idx].image.entry;
    let err = |source| SetupProcessError::Session {
        sid: e.sid,
        pgid: e.pgid,
        source,
    };
    if e.sid == e.pid {
        self_setup::setsid().map_err(err)?;
        if e.pgid == e.pid {
            return Ok(());
        }
    }
    if e.pgid == e.pid {
        return self_setup::setpgid_self(0).map_err(err);
    }
    let parent_pgid = plan.processes[idx]
        .parent
        .map(|p| plan.processes[p].image.entry.pgid);
    if parent_pgid == Some(e.pgid) && e.sid != e.pid {
        return Ok(()); // inherited
    }
    match pidmap.get(&e.pgid) {
        Some(&pgid) => self_setup::setpgid_self(pgid).map_err(err),
        // A group led by a process outside the tree (the root's shell): keep ours.
        None => Ok(()),
    }
}

/// A session leader that had a controlling terminal gets hmcr's terminal (`--shell-job`) as its
/// own: its children inherit the session and with it the terminal. A process that is not a
/// session leader shares hmcr's session, and hmcr's terminal, already.
fn take_controlling_tty(
    plan: &Plan,
    idx: usize,
    shared: &SharedFds,
) -> Result<(), SetupProcessError> {
    let e = &plan.processes[idx].image.entry;
    let (Some(tty), Some(_)) = (shared.tty, e.ctty_rdev) else {
        return Ok(());
    };
    if e.sid != e.pid {
        return Ok(());
    }
    self_setup::set_controlling_tty(tty)
        .map_err(|source| SetupProcessError::ControllingTty { sid: e.sid, source })
}

/// A child that leads its own process group in our session gets that group from us as well as
/// from itself (like a shell does), before we fork its next sibling: a later process that joins
/// the group must find it already there, whichever of the two runs first.
fn create_child_group(child: &ProcPlan, pid: i32) -> Result<(), SetupProcessError> {
    let e = &child.image.entry;
    if child.is_zombie() || e.pgid != e.pid || e.sid == e.pid {
        return Ok(());
    }
    match self_setup::setpgid_of(pid, pid) {
        Ok(()) => Ok(()),
        // The child is already in another session (it ran setsid itself).
        Err(err) if err.raw_os_error() == Some(libc::EPERM) => Ok(()),
        Err(source) => Err(SetupProcessError::Session {
            sid: e.sid,
            pgid: e.pgid,
            source,
        }),
    }
}

/// Exits so that the parent finds the recorded wait status when it reaps us.
fn become_zombie(status: i32) -> ! {
    if libc::WIFSIGNALED(status) {
        let me = Pid::this_process();
        let none = linux_sys::tracer_syscalls::Rlimit { cur: 0, max: 0 };
        let _ = linux_sys::tracer_syscalls::set_rlimit(me, libc::RLIMIT_CORE, none);
        self_setup::die_by_signal(libc::WTERMSIG(status));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        status & 0xff
    };
    self_setup::exit_now(code)
}

/// O_LARGEFILE as the x86_64 kernel reports it in fdinfo (the libc constant is 0 on 64-bit).
const O_LARGEFILE_X86_64: u32 = 0o100000;

const STATUS_FLAGS: i32 =
    libc::O_APPEND | libc::O_NONBLOCK | libc::O_ASYNC | libc::O_DIRECT | libc::O_NOATIME;

/// Opens `path` with the image's open `flags` (creation and close-on-exec flags dropped).
pub(crate) fn open_flags(path: &str, flags: u32) -> std::io::Result<RawFd> {
    let flags = flags as i32;
    let acc = flags & libc::O_ACCMODE;
    let extra = flags
        & !(libc::O_ACCMODE
            | libc::O_CREAT
            | libc::O_EXCL
            | libc::O_TRUNC
            | libc::O_NOCTTY
            | libc::O_CLOEXEC);
    OpenOptions::new()
        .read(acc == libc::O_RDONLY || acc == libc::O_RDWR)
        .write(acc == libc::O_WRONLY || acc == libc::O_RDWR)
        .custom_flags(extra)
        .open(path)
        .map(IntoRawFd::into_raw_fd)
}

fn open_with(path: &str, flags: u32, fd: i32) -> Result<RawFd, RestoreFdsError> {
    open_flags(path, flags).map_err(|source| RestoreFdsError::Open {
        fd,
        path: path.to_string(),
        source,
    })
}

/// The path a regular file, directory or device fd is reopened by: its own, or its recreated
/// ghost copy when it was deleted.
pub(crate) fn fd_open_path(e: &FdEntry, shared: &SharedFds) -> String {
    let ghost = e
        .file
        .as_ref()
        .filter(|f| f.deleted)
        .and_then(|f| f.ghost_id)
        .and_then(|id| shared.ghosts.get(&id));
    match ghost {
        Some(g) => format!("/proc/self/fd/{g}"),
        None => e.path.clone(),
    }
}

/// Puts every fd of the image at its number, then closes whatever else hmcr had below the table.
fn restore_fds(fds: &[FdEntry], shared: &SharedFds) -> Result<(), RestoreFdsError> {
    for e in fds {
        let fd = e.fd;
        let kind = e.kind.enum_value_or_default();
        let (tmp, owned) = match kind {
            FdKind::FD_REG | FdKind::FD_DIR | FdKind::FD_CHR => {
                // One description shared with other fds (dup, fork) was opened before forking.
                match e.file_id.and_then(|id| shared.descriptions.get(&id)) {
                    Some(&desc) => (desc, false),
                    None => (open_with(&fd_open_path(e, shared), e.flags, fd)?, true),
                }
            }
            FdKind::FD_PIPE | FdKind::FD_FIFO => {
                let id = e.pipe_id.unwrap_or(0);
                let table = if kind == FdKind::FD_PIPE {
                    shared.pipes.get(&id).map(|&(r, w)| {
                        if e.flags as i32 & libc::O_ACCMODE == libc::O_RDONLY {
                            r
                        } else {
                            w
                        }
                    })
                } else {
                    shared.fifos.get(&id).copied()
                };
                let table = table.ok_or(RestoreFdsError::Missing {
                    fd,
                    what: "pipe",
                    id,
                })?;
                // pipe(2) gives one open file description per end, which every fd of that end
                // shares (dup, fork). Reopening through /proc would make a new description
                // with O_LARGEFILE added by the kernel, so a pipe end is placed as the table's
                // own description unless the image's was itself opened by path (a fifo, or a
                // pipe reopened through /proc, which carries O_LARGEFILE).
                if kind == FdKind::FD_PIPE && e.flags & O_LARGEFILE_X86_64 == 0 {
                    (table, false)
                } else {
                    let acc = e.flags & libc::O_ACCMODE as u32;
                    let tmp = open_with(
                        &format!("/proc/self/fd/{table}"),
                        acc | libc::O_NONBLOCK as u32,
                        fd,
                    )?;
                    (tmp, true)
                }
            }
            FdKind::FD_TTY => {
                let tty = shared.tty.ok_or(RestoreFdsError::Missing {
                    fd,
                    what: "terminal",
                    id: 0,
                })?;
                (tty, false)
            }
            FdKind::FD_EVENTFD => {
                let count = e.eventfd_count.unwrap_or(0);
                let flags = e.flags as i32 & libc::O_NONBLOCK;
                let tmp = self_setup::eventfd(0, flags)
                    .map_err(|source| RestoreFdsError::Eventfd { fd, source })?;
                if count > 0 {
                    self_setup::write_all_raw(tmp, &count.to_ne_bytes())
                        .map_err(|source| RestoreFdsError::Eventfd { fd, source })?;
                }
                (tmp, true)
            }
            other => return Err(RestoreFdsError::Unsupported { fd, kind: other }),
        };
        self_setup::dup_to(tmp, fd, e.cloexec)
            .map_err(|source| RestoreFdsError::Place { fd, source })?;
        if owned && tmp != fd {
            let _ = self_setup::close(tmp);
        }
        if matches!(kind, FdKind::FD_PIPE | FdKind::FD_FIFO) {
            let flags = e.flags as i32 & STATUS_FLAGS;
            self_setup::set_status_flags(fd, flags).map_err(|source| RestoreFdsError::Flags {
                fd,
                flags: e.flags,
                source,
            })?;
        }
        if kind == FdKind::FD_REG && e.pos != 0 {
            self_setup::seek_to(fd, e.pos).map_err(|source| RestoreFdsError::Seek {
                fd,
                path: e.path.clone(),
                pos: e.pos,
                source,
            })?;
        }
    }
    let keep: HashSet<i32> = fds.iter().map(|e| e.fd).collect();
    for fd in self_setup::open_fds().map_err(RestoreFdsError::CloseOwn)? {
        if fd < shared.base() && !keep.contains(&fd) {
            let _ = self_setup::close(fd);
        }
    }
    Ok(())
}

/// Maps the scratch area at the first candidate address that is free here too.
fn map_scratch(plan: &Plan) -> Result<u64, SetupProcessError> {
    let mut last = std::io::Error::from_raw_os_error(libc::ENOMEM);
    for &addr in &plan.scratch_candidates {
        match self_setup::map_fixed_noreplace_rwx(addr, SCRATCH_LEN as usize) {
            Ok(()) => {
                self_setup::write_into_own_mapping(addr, &SCRATCH_CODE);
                return Ok(addr);
            }
            Err(e) => last = e,
        }
    }
    Err(SetupProcessError::Scratch {
        tried: plan.scratch_candidates.len(),
        last,
    })
}
