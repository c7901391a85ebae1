//! `hmcr restore -d --target aarch64`: the translated guest lives in the restorer process, so
//! detaching means forking it: the child restores and runs the guest in a new session, the parent
//! waits until the child reports the guest ready (or fails) and returns.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// Descriptor number the child keeps its readiness pipe at, above any fd an image uses in
/// practice (the image's fds must not collide with it).
const NOTIFY_FD_MIN: i32 = 1000;

/// Which side of the fork this is.
#[derive(Debug)]
pub enum Detached {
    /// The caller: the child's pid, and whether it reported the guest ready; if not, how the
    /// child ended (exit code, or 128 + signal).
    Parent {
        child: i32,
        ready: bool,
        status: Option<i32>,
    },
    /// The restorer: call [`ReadyNotifier::notify`] once the guest is ready.
    Child(ReadyNotifier),
}

/// Tells the waiting parent that the guest is ready (once; dropping it without notifying tells
/// it the restore failed).
#[derive(Debug)]
pub struct ReadyNotifier(Option<OwnedFd>);

impl ReadyNotifier {
    /// The pipe's descriptor number (to keep the guest's fds off it), if not yet notified.
    pub fn fd(&self) -> Option<i32> {
        self.0.as_ref().map(AsRawFd::as_raw_fd)
    }

    pub fn notify(&mut self) {
        if let Some(fd) = self.0.take() {
            // SAFETY: one byte from a live buffer to our pipe end.
            unsafe { libc::write(fd.as_raw_fd(), b"R".as_ptr().cast(), 1) };
        }
    }
}

fn pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut p = [0 as RawFd; 2];
    // SAFETY: pipe2 writes two descriptors into the array.
    if unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both were just created and belong to nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(p[0]), OwnedFd::from_raw_fd(p[1])) })
}

/// Forks. Call before anything else of the restore, while the process has one thread.
pub fn detach() -> io::Result<Detached> {
    let (r, w) = pipe()?;
    // SAFETY: F_DUPFD_CLOEXEC on our own descriptor.
    let high = unsafe { libc::fcntl(w.as_raw_fd(), libc::F_DUPFD_CLOEXEC, NOTIFY_FD_MIN) };
    if high < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `high` was just created.
    let w_high = unsafe { OwnedFd::from_raw_fd(high) };
    drop(w);
    // SAFETY: the process is single-threaded here (the caller's contract), so the child may
    // run arbitrary code.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(io::Error::last_os_error());
    }
    if pid == 0 {
        drop(r);
        // SAFETY: setsid has no preconditions; failure (already a leader) is harmless.
        unsafe { libc::setsid() };
        return Ok(Detached::Child(ReadyNotifier(Some(w_high))));
    }
    drop(w_high);
    let mut b = [0u8; 1];
    let n = loop {
        // SAFETY: reading into a live one-byte buffer from our pipe end.
        let n = unsafe { libc::read(r.as_raw_fd(), b.as_mut_ptr().cast(), 1) };
        if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        break n;
    };
    if n == 1 {
        return Ok(Detached::Parent {
            child: pid,
            ready: true,
            status: None,
        });
    }
    let mut st = 0;
    // SAFETY: waiting for our own child.
    let status = if unsafe { libc::waitpid(pid, &mut st, 0) } == pid {
        if libc::WIFEXITED(st) {
            Some(libc::WEXITSTATUS(st))
        } else {
            Some(128 + libc::WTERMSIG(st))
        }
    } else {
        None
    };
    Ok(Detached::Parent {
        child: pid,
        ready: false,
        status,
    })
}
