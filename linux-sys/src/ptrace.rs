//! ptrace(2) requests used to freeze, inspect and release tasks, and `waitpid` decoding of the
//! stops they produce.
//!
//! All functions take a thread id: ptrace works per thread. Requests that need the tracee to be
//! in a ptrace-stop fail with `ESRCH` otherwise, as the kernel reports it.

use std::io;

use crate::pid::Pid;

/// `PTRACE_O_TRACESYSGOOD`: syscall stops report `SIGTRAP | 0x80`.
pub const O_TRACESYSGOOD: u64 = 1;
/// `PTRACE_O_SUSPEND_SECCOMP`: seccomp filters do not apply while traced (needs CAP_SYS_ADMIN),
/// so remote syscalls cannot be refused or kill the tracee.
pub const O_SUSPEND_SECCOMP: u64 = 1 << 21;

const PTRACE_SEIZE: libc::c_uint = 0x4206;
const PTRACE_INTERRUPT: libc::c_uint = 0x4207;
const PTRACE_PEEKSIGINFO: libc::c_uint = 0x4209;
const PTRACE_GETSIGMASK: libc::c_uint = 0x420a;
const PTRACE_SETSIGMASK: libc::c_uint = 0x420b;
const PTRACE_GET_RSEQ_CONFIGURATION: libc::c_uint = 0x420f;
const PTRACE_PEEKSIGINFO_SHARED: u32 = 1;
const PTRACE_EVENT_STOP: i32 = 128;
/// `NT_X86_XSTATE` regset note type.
pub const NT_X86_XSTATE: u32 = 0x202;

/// Size of a kernel `siginfo_t`.
pub const SIGINFO_SIZE: usize = 128;

fn check(ret: libc::c_long) -> io::Result<libc::c_long> {
    if ret == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

/// Raw `ptrace(request, tid, addr, data)`.
///
/// # Safety
/// `addr` and `data` must be valid for what `request` reads or writes in the caller's memory.
unsafe fn raw(
    request: libc::c_uint,
    tid: Pid,
    addr: usize,
    data: usize,
) -> io::Result<libc::c_long> {
    // SAFETY: forwarded to the caller's contract; ptrace itself has no memory effects beyond
    // `addr`/`data`.
    let ret = unsafe {
        libc::ptrace(
            request,
            tid.as_raw(),
            addr as *mut libc::c_void,
            data as *mut libc::c_void,
        )
    };
    check(ret)
}

/// `PTRACE_SEIZE`: attach without stopping the thread. `options` are `PTRACE_O_*` bits.
pub fn seize(tid: Pid, options: u64) -> io::Result<()> {
    // SAFETY: SEIZE reads no caller memory; `data` carries the option bits by value.
    unsafe { raw(PTRACE_SEIZE, tid, 0, options as usize) }.map(drop)
}

/// `PTRACE_INTERRUPT`: ask a seized thread to enter a ptrace event-stop.
pub fn interrupt(tid: Pid) -> io::Result<()> {
    // SAFETY: no memory arguments.
    unsafe { raw(PTRACE_INTERRUPT, tid, 0, 0) }.map(drop)
}

/// `PTRACE_DETACH`, delivering `sig` (0 for none). The thread must be in a ptrace-stop.
pub fn detach(tid: Pid, sig: i32) -> io::Result<()> {
    // SAFETY: no memory arguments; `data` is the signal number by value.
    unsafe { raw(libc::PTRACE_DETACH, tid, 0, sig as usize) }.map(drop)
}

/// `PTRACE_CONT`, delivering `sig` (0 for none).
pub fn cont(tid: Pid, sig: i32) -> io::Result<()> {
    // SAFETY: no memory arguments.
    unsafe { raw(libc::PTRACE_CONT, tid, 0, sig as usize) }.map(drop)
}

/// `PTRACE_SYSCALL`: resume until the next syscall entry or exit.
pub fn resume_to_syscall(tid: Pid, sig: i32) -> io::Result<()> {
    // SAFETY: no memory arguments.
    unsafe { raw(libc::PTRACE_SYSCALL, tid, 0, sig as usize) }.map(drop)
}

/// The general purpose registers of an x86_64 thread, field for field the kernel's
/// `user_regs_struct` (includes `fs_base`/`gs_base`).
#[cfg(target_arch = "x86_64")]
pub type UserRegs = libc::user_regs_struct;
#[cfg(target_arch = "x86_64")]
const _: () = assert!(std::mem::size_of::<UserRegs>() == 27 * 8);

/// `PTRACE_GETREGS`.
#[cfg(target_arch = "x86_64")]
pub fn get_regs(tid: Pid) -> io::Result<UserRegs> {
    // SAFETY: user_regs_struct is plain integers; all-zero is a valid value.
    let mut regs: UserRegs = unsafe { std::mem::zeroed() };
    // SAFETY: the kernel writes exactly one user_regs_struct to `data`.
    unsafe {
        raw(
            libc::PTRACE_GETREGS,
            tid,
            0,
            &mut regs as *mut UserRegs as usize,
        )
    }?;
    Ok(regs)
}

/// `PTRACE_SETREGS`.
#[cfg(target_arch = "x86_64")]
pub fn set_regs(tid: Pid, regs: &UserRegs) -> io::Result<()> {
    // SAFETY: the kernel reads exactly one user_regs_struct from `data`.
    unsafe {
        raw(
            libc::PTRACE_SETREGS,
            tid,
            0,
            regs as *const UserRegs as usize,
        )
    }
    .map(drop)
}

/// `PTRACE_GETREGSET` of note type `note` into `buf`; returns how many bytes the kernel filled.
pub fn get_regset(tid: Pid, note: u32, buf: &mut [u8]) -> io::Result<usize> {
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    // SAFETY: the kernel writes at most iov_len bytes to iov_base (our buffer) and updates
    // iov_len; `iov` outlives the call.
    unsafe {
        raw(
            libc::PTRACE_GETREGSET,
            tid,
            note as usize,
            &mut iov as *mut libc::iovec as usize,
        )
    }?;
    Ok(iov.iov_len)
}

/// `PTRACE_SETREGSET` of note type `note` from `buf`.
pub fn set_regset(tid: Pid, note: u32, buf: &[u8]) -> io::Result<()> {
    let mut iov = libc::iovec {
        iov_base: buf.as_ptr() as *mut libc::c_void,
        iov_len: buf.len(),
    };
    // SAFETY: for SETREGSET the kernel only reads iov_len bytes from iov_base.
    unsafe {
        raw(
            libc::PTRACE_SETREGSET,
            tid,
            note as usize,
            &mut iov as *mut libc::iovec as usize,
        )
    }
    .map(drop)
}

/// `PTRACE_GETSIGMASK`: the blocked-signal mask, bit `signo - 1`.
pub fn get_sigmask(tid: Pid) -> io::Result<u64> {
    let mut mask: u64 = 0;
    // SAFETY: the kernel writes `addr` (= 8) bytes to `data`.
    unsafe { raw(PTRACE_GETSIGMASK, tid, 8, &mut mask as *mut u64 as usize) }?;
    Ok(mask)
}

/// `PTRACE_SETSIGMASK`. SIGKILL and SIGSTOP bits are ignored by the kernel.
pub fn set_sigmask(tid: Pid, mask: u64) -> io::Result<()> {
    // SAFETY: the kernel reads `addr` (= 8) bytes from `data`.
    unsafe { raw(PTRACE_SETSIGMASK, tid, 8, &mask as *const u64 as usize) }.map(drop)
}

#[repr(C)]
struct PeekSiginfoArgs {
    off: u64,
    flags: u32,
    nr: i32,
}
const _: () = assert!(std::mem::size_of::<PeekSiginfoArgs>() == 16);

/// `PTRACE_PEEKSIGINFO`: the queued signals without dequeuing them, as raw 128-byte siginfos.
/// `shared` selects the process-wide queue instead of the thread-private one.
pub fn peek_siginfo(tid: Pid, shared: bool) -> io::Result<Vec<[u8; SIGINFO_SIZE]>> {
    const BATCH: usize = 32;
    let mut out = Vec::new();
    loop {
        let mut buf = [[0u8; SIGINFO_SIZE]; BATCH];
        let args = PeekSiginfoArgs {
            off: out.len() as u64,
            flags: if shared { PTRACE_PEEKSIGINFO_SHARED } else { 0 },
            nr: BATCH as i32,
        };
        // SAFETY: the kernel reads `args` and writes at most `nr` siginfos into `buf`.
        let n = unsafe {
            raw(
                PTRACE_PEEKSIGINFO,
                tid,
                &args as *const PeekSiginfoArgs as usize,
                buf.as_mut_ptr() as usize,
            )
        }?;
        let n = usize::try_from(n).unwrap_or(0).min(BATCH);
        out.extend_from_slice(&buf[..n]);
        if n < BATCH {
            return Ok(out);
        }
    }
}

/// The rseq registration of a thread, as `PTRACE_GET_RSEQ_CONFIGURATION` reports it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RseqConfig {
    pub rseq_abi_pointer: u64,
    pub rseq_abi_size: u32,
    pub signature: u32,
    pub flags: u32,
    pub pad: u32,
}
const _: () = assert!(std::mem::size_of::<RseqConfig>() == 24);

/// `PTRACE_GET_RSEQ_CONFIGURATION`.
pub fn get_rseq_config(tid: Pid) -> io::Result<RseqConfig> {
    let mut conf = RseqConfig::default();
    // SAFETY: the kernel writes at most `addr` bytes (our struct size) to `data`.
    unsafe {
        raw(
            PTRACE_GET_RSEQ_CONFIGURATION,
            tid,
            std::mem::size_of::<RseqConfig>(),
            &mut conf as *mut RseqConfig as usize,
        )
    }?;
    Ok(conf)
}

/// `PTRACE_PEEKDATA`: one word of the tracee's memory.
pub fn peek_word(tid: Pid, addr: u64) -> io::Result<u64> {
    // PEEKDATA returns the word; -1 is ambiguous, so errno is cleared first.
    // SAFETY: __errno_location returns the calling thread's errno slot.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: PEEKDATA reads tracee memory only; our `data` is unused.
    let ret = unsafe {
        libc::ptrace(
            libc::PTRACE_PEEKDATA,
            tid.as_raw(),
            addr as usize as *mut libc::c_void,
            std::ptr::null_mut::<libc::c_void>(),
        )
    };
    if ret == -1 {
        let err = io::Error::last_os_error();
        if err.raw_os_error().unwrap_or(0) != 0 {
            return Err(err);
        }
    }
    Ok(ret as u64)
}

/// `PTRACE_POKEDATA`: write one word of the tracee's memory (works on read-only text).
pub fn poke_word(tid: Pid, addr: u64, value: u64) -> io::Result<()> {
    // SAFETY: POKEDATA writes tracee memory only; `data` is the value itself.
    unsafe { raw(libc::PTRACE_POKEDATA, tid, addr as usize, value as usize) }.map(drop)
}

/// What `waitpid` reported about a traced thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceEvent {
    /// `PTRACE_EVENT_STOP` after `PTRACE_INTERRUPT` (or a seize-time stop).
    InterruptStop,
    /// `PTRACE_EVENT_STOP` reporting a group-stop by this job-control signal.
    GroupStop(i32),
    /// Syscall entry or exit stop (with `O_TRACESYSGOOD`).
    SyscallStop,
    /// Signal-delivery-stop: the signal has been dequeued and is delivered only if passed on.
    SignalStop(i32),
    /// Another `PTRACE_EVENT_*` stop.
    OtherEvent { event: i32, sig: i32 },
    /// The thread exited with this code.
    Exited(i32),
    /// The thread was killed by this signal.
    Killed(i32),
}

impl TraceEvent {
    /// Decodes a `waitpid` status word.
    pub fn from_status(status: i32) -> TraceEvent {
        if libc::WIFEXITED(status) {
            return TraceEvent::Exited(libc::WEXITSTATUS(status));
        }
        if libc::WIFSIGNALED(status) {
            return TraceEvent::Killed(libc::WTERMSIG(status));
        }
        let sig = libc::WSTOPSIG(status);
        let event = (status >> 16) & 0xff;
        if event == PTRACE_EVENT_STOP {
            return match sig {
                libc::SIGSTOP | libc::SIGTSTP | libc::SIGTTIN | libc::SIGTTOU => {
                    TraceEvent::GroupStop(sig)
                }
                _ => TraceEvent::InterruptStop,
            };
        }
        if event != 0 {
            return TraceEvent::OtherEvent { event, sig };
        }
        if sig == libc::SIGTRAP | 0x80 {
            return TraceEvent::SyscallStop;
        }
        TraceEvent::SignalStop(sig)
    }

    /// True when the thread no longer exists.
    pub fn is_gone(self) -> bool {
        matches!(self, TraceEvent::Exited(_) | TraceEvent::Killed(_))
    }
}

/// `waitpid(tid, __WALL [| WNOHANG])`. Returns `None` when `nohang` and nothing is pending.
pub fn wait(tid: Pid, nohang: bool) -> io::Result<Option<TraceEvent>> {
    let mut status: libc::c_int = 0;
    let flags = libc::__WALL | if nohang { libc::WNOHANG } else { 0 };
    loop {
        // SAFETY: waitpid writes one int to `status`.
        let ret = unsafe { libc::waitpid(tid.as_raw(), &mut status, flags) };
        if ret == -1 {
            let err = io::Error::last_os_error();
            if err.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(err);
        }
        if ret == 0 {
            return Ok(None);
        }
        return Ok(Some(TraceEvent::from_status(status)));
    }
}

/// `tgkill(tgid, tid, sig)`.
pub fn tgkill(tgid: Pid, tid: Pid, sig: i32) -> io::Result<()> {
    // SAFETY: tgkill takes only integers.
    let ret = unsafe { libc::syscall(libc::SYS_tgkill, tgid.as_raw(), tid.as_raw(), sig) };
    check(ret).map(drop)
}

/// `kill(pid, sig)`.
pub fn kill(pid: Pid, sig: i32) -> io::Result<()> {
    // SAFETY: kill takes only integers.
    let ret = unsafe { libc::kill(pid.as_raw(), sig) };
    check(libc::c_long::from(ret)).map(drop)
}

#[cfg(test)]
mod tests {
    use super::TraceEvent;

    #[test]
    fn decodes_stops() {
        // event stop after interrupt: SIGTRAP | PTRACE_EVENT_STOP << 8, in a stopped status.
        let st = 0x7f | ((libc::SIGTRAP | (128 << 8)) << 8);
        assert_eq!(TraceEvent::from_status(st), TraceEvent::InterruptStop);
        let st = 0x7f | ((libc::SIGSTOP | (128 << 8)) << 8);
        assert_eq!(
            TraceEvent::from_status(st),
            TraceEvent::GroupStop(libc::SIGSTOP)
        );
        let st = 0x7f | ((libc::SIGTRAP | 0x80) << 8);
        assert_eq!(TraceEvent::from_status(st), TraceEvent::SyscallStop);
        let st = 0x7f | (libc::SIGUSR1 << 8);
        assert_eq!(
            TraceEvent::from_status(st),
            TraceEvent::SignalStop(libc::SIGUSR1)
        );
        assert_eq!(TraceEvent::from_status(3 << 8), TraceEvent::Exited(3));
        assert_eq!(TraceEvent::from_status(9), TraceEvent::Killed(9));
    }
}
