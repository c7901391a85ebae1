//! Errors of each dump step, and the top-level `DumpError` that wraps them.
//!
//! Every message says what was being done, to which pid/thread/fd/file, and what to try.

use std::io;
use std::path::PathBuf;

use linux_sys::pid::Pid;
use linux_sys::remote_syscall::RemoteSyscallError;
use thiserror::Error;

use crate::proc_maps::MapsParseError;
use crate::proc_status::ProcParseError;

/// Freezing the tree (seize + interrupt of every thread) failed. The tree has been released.
#[derive(Debug, Error)]
pub enum FreezeError {
    #[error("process {pid} does not exist; check the pid (e.g. `ps -p {pid}`)")]
    NoSuchProcess { pid: Pid },
    #[error("refusing to dump pid {pid}: it is hmcr itself or its parent")]
    SelfDump { pid: Pid },
    #[error("pid {pid} is a kernel thread: only user processes can be dumped")]
    KernelThread { pid: Pid },
    #[error("process {pid} runs under a seccomp filter, which hmcr can only suspend with CAP_SYS_ADMIN: run hmcr as root")]
    Seccomp { pid: Pid },
    #[error("process {pid} is a zombie (already exited, waiting for its parent to reap it): there is nothing to dump")]
    RootIsZombie { pid: Pid },
    #[error("process {pid} is already traced by pid {tracer} ({tracer_comm}); a process can have only one tracer: detach the debugger/strace or let the other dump finish, then retry")]
    AlreadyTraced {
        pid: Pid,
        tracer: i32,
        tracer_comm: String,
    },
    #[error("no permission to trace process {pid} (owned by uid {owner_uid}, hmcr runs as uid {our_uid}): run hmcr as root or as the process owner; also check /proc/sys/kernel/yama/ptrace_scope (now {ptrace_scope}) and that the process is dumpable")]
    PermissionDenied {
        pid: Pid,
        owner_uid: u32,
        our_uid: u32,
        ptrace_scope: String,
    },
    #[error("seizing thread {tid} of process {pid} with ptrace: {source}")]
    Seize {
        pid: Pid,
        tid: Pid,
        source: io::Error,
    },
    #[error("thread {tid} of process {pid} did not stop within {timeout_s} s (state {state}); it may be in uninterruptible sleep (D): retry later or raise --timeout")]
    Timeout {
        pid: Pid,
        tid: Pid,
        timeout_s: f64,
        state: char,
    },
    #[error("waiting for thread {tid} of process {pid} to stop: {source}")]
    Wait {
        pid: Pid,
        tid: Pid,
        source: io::Error,
    },
    #[error("thread {tid} of process {pid} reported an unexpected ptrace stop while freezing ({what}); another tracer may be interfering")]
    UnexpectedStop { pid: Pid, tid: Pid, what: String },
    #[error("the root process {pid} exited while it was being frozen; nothing was dumped")]
    RootExited { pid: Pid },
    #[error("reading {path}: {source}")]
    Proc { path: String, source: io::Error },
    #[error("parsing {path}: {source}")]
    Parse {
        path: String,
        source: ProcParseError,
    },
}

/// Reading the state of a frozen process failed.
#[derive(Debug, Error)]
pub enum CollectError {
    #[error("process {pid} exited during the dump (while {during}); nothing was written as a complete image, retry the dump")]
    TargetExited { pid: Pid, during: String },
    #[error("reading {path} (process {pid}): {source}")]
    Proc {
        pid: Pid,
        path: String,
        source: io::Error,
    },
    #[error("parsing {path} (process {pid}): {source}")]
    Parse {
        pid: Pid,
        path: String,
        source: ProcParseError,
    },
    #[error("parsing {path} (process {pid}): {source}")]
    Maps {
        pid: Pid,
        path: String,
        source: MapsParseError,
    },
    #[error("{what} of thread {tid} with ptrace: {source}")]
    Ptrace {
        tid: Pid,
        what: &'static str,
        source: io::Error,
    },
    #[error("running a remote syscall in process {pid} to read {what}: {source}")]
    Remote {
        pid: Pid,
        what: &'static str,
        source: RemoteSyscallError,
    },
    #[error("remote syscall in process {pid} to read {what} failed: {source}")]
    RemoteFailed {
        pid: Pid,
        what: String,
        source: io::Error,
    },
    #[error("process {pid} has fd {fd} open on {kind} ({path}); hmcr cannot dump that kind of descriptor yet: close it in the program or dump a tree without it")]
    UnsupportedFd {
        pid: Pid,
        fd: i32,
        kind: String,
        path: String,
    },
    #[error("process {pid} has fd {fd} open on the terminal {path}; if this is a job started from a shell, rerun with --shell-job")]
    TtyWithoutShellJob { pid: Pid, fd: i32, path: String },
    #[error("process {pid} fd {fd} (-1: mapped, not open): the deleted file {path} holds {size} bytes, more than the {limit}-byte limit for ghost files")]
    GhostTooBig {
        pid: Pid,
        fd: i32,
        path: String,
        size: u64,
        limit: u64,
    },
    #[error("reading the buffered data of pipe {pipe_id} (process {pid} fd {fd}): {source}")]
    PipeData {
        pid: Pid,
        fd: i32,
        pipe_id: u64,
        source: io::Error,
    },
    #[error("reading the contents of deleted file {path} (process {pid}): {source}")]
    Ghost {
        pid: Pid,
        path: String,
        source: io::Error,
    },
    #[error(
        "process {pid} maps {what} at {start:#x}-{end:#x}; hmcr cannot dump such mappings yet"
    )]
    UnsupportedMapping {
        pid: Pid,
        what: String,
        start: u64,
        end: u64,
    },
}

/// Copying memory pages of a frozen process into the image failed.
#[derive(Debug, Error)]
pub enum MemoryDumpError {
    #[error("reading /proc/{pid}/pagemap at {addr:#x}: {source}")]
    Pagemap {
        pid: Pid,
        addr: u64,
        source: io::Error,
    },
    #[error(
        "reading {len} bytes of process {pid} memory at {addr:#x} (process_vm_readv): {source}"
    )]
    Read {
        pid: Pid,
        addr: u64,
        len: usize,
        source: io::Error,
    },
    #[error(transparent)]
    Write(#[from] WriteImageError),
}

/// Writing an image file failed.
#[derive(Debug, Error)]
pub enum WriteImageError {
    #[error("writing image file {}: no space left on the device; free some space or dump into another directory with -D", .path.display())]
    NoSpace { path: PathBuf },
    #[error("writing image file {}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}", crate::error_chain(.0))]
    Format(images_format::WriteImageError),
}

impl WriteImageError {
    /// Wraps an error of the image writer, singling out a full disk anywhere in its sources.
    pub fn from_format(e: images_format::WriteImageError) -> WriteImageError {
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        let mut path = PathBuf::new();
        while let Some(c) = cur {
            if let Some(io) = c.downcast_ref::<io::Error>() {
                if matches!(io.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT)) {
                    if let images_format::WriteImageError::Io { path: p, .. }
                    | images_format::WriteImageError::Create { path: p, .. } = &e
                    {
                        path = p.clone();
                    }
                    return WriteImageError::NoSpace { path };
                }
            }
            cur = c.source();
        }
        WriteImageError::Format(e)
    }

    /// Wraps an I/O error on `path`, singling out a full disk.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> WriteImageError {
        let path = path.into();
        if source.raw_os_error() == Some(libc::ENOSPC)
            || source.raw_os_error() == Some(libc::EDQUOT)
        {
            WriteImageError::NoSpace { path }
        } else {
            WriteImageError::Io { path, source }
        }
    }
}

/// The images directory cannot be used.
#[derive(Debug, Error)]
pub enum ImagesDirError {
    #[error("preparing images directory {}: {source}", .dir.display())]
    Create { dir: PathBuf, source: io::Error },
    #[error("images directory {} is not writable ({source}); choose a directory you can write with -D", .dir.display())]
    NotWritable { dir: PathBuf, source: io::Error },
    #[error("{} exists and is not a directory", .dir.display())]
    NotADirectory { dir: PathBuf },
}

/// A dump failed. The tree was released and runs on as before (unless the tree itself died).
#[derive(Debug, Error)]
pub enum DumpError {
    #[error(transparent)]
    ImagesDir(#[from] ImagesDirError),
    #[error(transparent)]
    Freeze(#[from] FreezeError),
    #[error(transparent)]
    Collect(#[from] CollectError),
    #[error(transparent)]
    Memory(#[from] MemoryDumpError),
    #[error(transparent)]
    Write(#[from] WriteImageError),
}
