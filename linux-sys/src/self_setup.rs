//! Syscalls a process issues on itself while a restorer rebuilds its process-level state:
//! sessions and groups, file descriptor placement, signal dispositions written raw (the C
//! library's `sigaction` would substitute its own restorer), timers, personality, and the small
//! scratch mapping that later serves remote syscalls.
//!
//! Each function is a thin safe wrapper returning the errno as `io::Error`.

use std::io;
use std::os::fd::RawFd;

fn check(ret: libc::c_long) -> io::Result<libc::c_long> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

/// `setsid()`.
pub fn setsid() -> io::Result<()> {
    // SAFETY: no arguments.
    check(libc::c_long::from(unsafe { libc::setsid() })).map(drop)
}

/// `ioctl(fd, TIOCSCTTY, 0)`: makes the terminal open on `fd` the controlling terminal of the
/// caller's session (the caller must lead a session that has none; the terminal must not be
/// another session's controlling terminal: nothing is stolen).
pub fn set_controlling_tty(fd: RawFd) -> io::Result<()> {
    // SAFETY: TIOCSCTTY takes an integer argument; no memory is passed.
    check(libc::c_long::from(unsafe {
        libc::ioctl(fd, libc::TIOCSCTTY, 0)
    }))
    .map(drop)
}

/// `setpgid(0, pgid)`: joins (or with `pgid == 0` creates) a process group.
pub fn setpgid_self(pgid: i32) -> io::Result<()> {
    // SAFETY: integers only.
    check(libc::c_long::from(unsafe { libc::setpgid(0, pgid) })).map(drop)
}

/// `setpgid(pid, pgid)` on a child of the caller (which has not yet called execve).
pub fn setpgid_of(pid: i32, pgid: i32) -> io::Result<()> {
    // SAFETY: integers only.
    check(libc::c_long::from(unsafe { libc::setpgid(pid, pgid) })).map(drop)
}

/// `getpgid(0)` and `getsid(0)` of the caller.
pub fn pgid_sid() -> (i32, i32) {
    // SAFETY: integers only; these cannot fail for the calling process.
    unsafe { (libc::getpgid(0), libc::getsid(0)) }
}

/// `prctl(option, arg2)` with the remaining arguments zero.
pub fn prctl(option: i32, arg2: u64) -> io::Result<()> {
    // SAFETY: the options used by hmcr take integers only.
    check(libc::c_long::from(unsafe {
        libc::prctl(option, arg2, 0u64, 0u64, 0u64)
    }))
    .map(drop)
}

/// `dup3(old, new, flags)` (`flags` is 0 or `O_CLOEXEC`); `dup2` when `old == new` is not allowed
/// by dup3, so that case only adjusts close-on-exec.
pub fn dup_to(old: RawFd, new: RawFd, cloexec: bool) -> io::Result<()> {
    if old == new {
        return set_cloexec(new, cloexec);
    }
    let flags = if cloexec { libc::O_CLOEXEC } else { 0 };
    // SAFETY: integers only; replacing `new` is what the caller asks for.
    check(libc::c_long::from(unsafe { libc::dup3(old, new, flags) })).map(drop)
}

/// `fcntl(fd, F_DUPFD_CLOEXEC, min)`: a duplicate at the lowest free number `>= min`.
pub fn dup_above(fd: RawFd, min: RawFd) -> io::Result<RawFd> {
    // SAFETY: integers only.
    check(libc::c_long::from(unsafe {
        libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, min)
    }))
    .map(|r| r as RawFd)
}

/// `close(fd)`.
pub fn close(fd: RawFd) -> io::Result<()> {
    // SAFETY: the caller owns `fd` by number (restorer bookkeeping, not Rust ownership).
    check(libc::c_long::from(unsafe { libc::close(fd) })).map(drop)
}

/// Sets or clears `FD_CLOEXEC`.
pub fn set_cloexec(fd: RawFd, on: bool) -> io::Result<()> {
    let v = if on { libc::FD_CLOEXEC } else { 0 };
    // SAFETY: integers only.
    check(libc::c_long::from(unsafe {
        libc::fcntl(fd, libc::F_SETFD, v)
    }))
    .map(drop)
}

/// `fcntl(fd, F_SETFL, flags)` (only O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME change).
pub fn set_status_flags(fd: RawFd, flags: i32) -> io::Result<()> {
    // SAFETY: integers only.
    check(libc::c_long::from(unsafe {
        libc::fcntl(fd, libc::F_SETFL, flags)
    }))
    .map(drop)
}

/// `fcntl(fd, F_SETPIPE_SZ, size)`.
pub fn set_pipe_size(fd: RawFd, size: i32) -> io::Result<()> {
    // SAFETY: integers only.
    check(libc::c_long::from(unsafe {
        libc::fcntl(fd, libc::F_SETPIPE_SZ, size)
    }))
    .map(drop)
}

/// `lseek(fd, pos, SEEK_SET)`.
pub fn seek_to(fd: RawFd, pos: u64) -> io::Result<()> {
    let pos = i64::try_from(pos).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: integers only.
    check(unsafe { libc::lseek(fd, pos, libc::SEEK_SET) }).map(drop)
}

/// `write(fd, bytes)` until everything is written (retrying on EINTR).
pub fn write_all_raw(fd: RawFd, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        // SAFETY: the kernel reads at most `bytes.len()` bytes from our slice.
        let ret = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if ret < 0 {
            let err = io::Error::last_os_error();
            if err.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(err);
        }
        bytes = &bytes[ret as usize..];
    }
    Ok(())
}

/// Waits up to `timeout_ms` for `fd` to become readable (or reach end of file / error).
pub fn poll_readable(fd: RawFd, timeout_ms: i32) -> io::Result<bool> {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: the kernel reads and updates exactly one pollfd.
    let ret = unsafe { libc::poll(&mut pfd, 1, timeout_ms) };
    if ret < 0 {
        let err = io::Error::last_os_error();
        if err.kind() == io::ErrorKind::Interrupted {
            return Ok(false);
        }
        return Err(err);
    }
    Ok(ret > 0)
}

/// `pipe2(O_CLOEXEC)`: (read end, write end).
pub fn pipe() -> io::Result<(RawFd, RawFd)> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: the kernel writes two ints into `fds`.
    check(libc::c_long::from(unsafe {
        libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC)
    }))?;
    Ok((fds[0], fds[1]))
}

/// `eventfd(count, flags)`.
pub fn eventfd(count: u32, flags: i32) -> io::Result<RawFd> {
    // SAFETY: integers only.
    check(libc::c_long::from(unsafe { libc::eventfd(count, flags) })).map(|r| r as RawFd)
}

/// `umask(mask)`.
pub fn set_umask(mask: u32) {
    // SAFETY: integers only; umask cannot fail.
    unsafe { libc::umask(mask as libc::mode_t) };
}

/// `personality(p)`.
pub fn set_personality(p: u32) -> io::Result<()> {
    // SAFETY: integers only.
    check(libc::c_long::from(unsafe {
        libc::personality(libc::c_ulong::from(p))
    }))
    .map(drop)
}

/// Blocks every signal in the calling thread (SIGKILL and SIGSTOP stay deliverable).
pub fn block_all_signals() -> io::Result<()> {
    let all: u64 = u64::MAX;
    // SAFETY: the kernel reads 8 bytes from `all`; old set not requested.
    check(unsafe {
        libc::syscall(
            libc::SYS_rt_sigprocmask,
            libc::SIG_SETMASK,
            &all as *const u64,
            std::ptr::null_mut::<u64>(),
            8usize,
        )
    })
    .map(drop)
}

/// The kernel's x86_64/aarch64 `struct sigaction` as `rt_sigaction` takes it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KernelSigaction {
    pub handler: u64,
    pub flags: u64,
    pub restorer: u64,
    pub mask: u64,
}
const _: () = assert!(std::mem::size_of::<KernelSigaction>() == 32);

/// Raw `rt_sigaction(signo, act, NULL, 8)`: installs exactly these values. The handler and
/// restorer are only addresses here: the caller must make sure no signal is delivered before the
/// code they point to exists (e.g. by blocking every signal first).
pub fn set_sigaction_raw(signo: i32, act: &KernelSigaction) -> io::Result<()> {
    // SAFETY: the kernel reads one KernelSigaction from `act`; the old action is not requested.
    check(unsafe {
        libc::syscall(
            libc::SYS_rt_sigaction,
            signo,
            act as *const KernelSigaction,
            std::ptr::null_mut::<KernelSigaction>(),
            8usize,
        )
    })
    .map(drop)
}

/// `setitimer(which, {interval, value})`, times in nanoseconds (rounded down to microseconds).
pub fn set_itimer(which: i32, interval_ns: i64, value_ns: i64) -> io::Result<()> {
    let tv = |ns: i64| libc::timeval {
        tv_sec: ns.max(0) / 1_000_000_000,
        tv_usec: (ns.max(0) % 1_000_000_000) / 1000,
    };
    let mut value = tv(value_ns);
    if value_ns > 0 && value.tv_sec == 0 && value.tv_usec == 0 {
        // A nearly expired timer must stay armed: zero would disarm it.
        value.tv_usec = 1;
    }
    let it = libc::itimerval {
        it_interval: tv(interval_ns),
        it_value: value,
    };
    // SAFETY: the kernel reads one itimerval; the old value is not requested.
    check(unsafe {
        libc::syscall(
            libc::SYS_setitimer,
            which,
            &it as *const libc::itimerval,
            std::ptr::null_mut::<libc::itimerval>(),
        )
    })
    .map(drop)
}

/// Maps `len` bytes read-write-execute, private and anonymous, exactly at `addr` without
/// replacing anything (`MAP_FIXED_NOREPLACE`); `EEXIST` when something is there.
pub fn map_fixed_noreplace_rwx(addr: u64, len: usize) -> io::Result<()> {
    // SAFETY: MAP_FIXED_NOREPLACE never replaces an existing mapping, so no memory the program
    // uses can be affected.
    let ret = unsafe {
        libc::mmap(
            addr as usize as *mut libc::c_void,
            len,
            libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE,
            -1,
            0,
        )
    };
    if ret == libc::MAP_FAILED {
        return Err(io::Error::last_os_error());
    }
    if ret as usize as u64 != addr {
        // Kernels before 4.17 treat the flag as a hint: undo and report.
        // SAFETY: we just created this mapping and nothing refers to it.
        unsafe { libc::munmap(ret, len) };
        return Err(io::Error::from_raw_os_error(libc::EEXIST));
    }
    Ok(())
}

/// Copies `bytes` to `addr` in the caller's own memory, which must be a writable mapping made by
/// [`map_fixed_noreplace_rwx`] of at least `bytes.len()` bytes.
pub fn write_into_own_mapping(addr: u64, bytes: &[u8]) {
    // SAFETY: the caller guarantees `addr..addr+len` is a writable mapping it created and that
    // nothing else references it.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), addr as usize as *mut u8, bytes.len()) };
}

/// `pause()` forever: the caller waits to be taken over by a tracer.
pub fn pause_forever() -> ! {
    loop {
        // SAFETY: no arguments.
        unsafe { libc::pause() };
    }
}

/// `_exit(code)`: leaves without running atexit handlers or flushing the parent's buffers.
pub fn exit_now(code: i32) -> ! {
    // SAFETY: terminates the process.
    unsafe { libc::_exit(code) }
}

/// Dies from `sig` with its default action (the disposition is reset and the signal unblocked
/// first); falls back to `_exit(128 + sig)` if the signal does not kill.
pub fn die_by_signal(sig: i32) -> ! {
    let dfl = KernelSigaction::default();
    let _ = set_sigaction_raw(sig, &dfl);
    let none: u64 = 0;
    // SAFETY: the kernel reads 8 bytes from `none`; tgkill takes integers.
    unsafe {
        libc::syscall(
            libc::SYS_rt_sigprocmask,
            libc::SIG_SETMASK,
            &none as *const u64,
            std::ptr::null_mut::<u64>(),
            8usize,
        );
        libc::syscall(libc::SYS_tgkill, libc::getpid(), libc::getpid(), sig);
    }
    exit_now(128 + sig)
}

/// The fds currently open in the calling process (from /proc/self/fd).
pub fn open_fds() -> io::Result<Vec<RawFd>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc/self/fd")? {
        let name = entry?.file_name();
        if let Some(fd) = name.to_str().and_then(|s| s.parse::<RawFd>().ok()) {
            out.push(fd);
        }
    }
    Ok(out)
}

/// `memfd_create(name, MFD_CLOEXEC)`.
pub fn memfd(name: &str) -> io::Result<RawFd> {
    let c = std::ffi::CString::new(name).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: `c` is a valid NUL-terminated string for the duration of the call.
    check(libc::c_long::from(unsafe {
        libc::memfd_create(c.as_ptr(), libc::MFD_CLOEXEC)
    }))
    .map(|r| r as RawFd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fd_helpers_work_on_a_pipe() {
        let (r, w) = pipe().expect("pipe");
        let d = dup_above(r, 100).expect("dup above");
        assert!(d >= 100);
        set_status_flags(w, libc::O_NONBLOCK).expect("setfl");
        assert!(open_fds().expect("list").contains(&d));
        for fd in [r, w, d] {
            close(fd).expect("close");
        }
    }
}
