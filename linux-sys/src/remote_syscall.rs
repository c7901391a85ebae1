//! Remote syscalls: make a ptrace-stopped x86_64 thread execute one system call of our choosing,
//! then put the thread back exactly as it was.
//!
//! How it works:
//! 1. The thread must be in a ptrace-stop reached through `PTRACE_INTERRUPT` (an event-stop or a
//!    group-stop). Its registers and blocked-signal mask are saved, and every signal is blocked so
//!    that nothing is delivered while it runs our syscalls.
//! 2. For each call, the registers are set to `rip` = the address of a `syscall` instruction
//!    (`0f 05`), `rax` = the number, `rdi rsi rdx r10 r8 r9` = the arguments, `orig_rax` = -1 (so
//!    the kernel does not apply its syscall-restart logic to our registers). Any `0f 05` byte pair
//!    in an executable mapping works, aligned to an instruction or not: execution starts there and
//!    stops right after. [`find_syscall_insn`] looks in the vDSO; when none is given the two bytes
//!    at the current `rip` are patched and put back by [`RemoteCaller::finish`].
//! 3. `PTRACE_SYSCALL` twice: syscall-entry stop, then syscall-exit stop; `rax` holds the result.
//! 4. [`RemoteCaller::finish`] writes the original registers and mask back. One subtlety: a thread
//!    interrupted inside a syscall stops with `rax` = `-ERESTART*` and `orig_rax` = the syscall;
//!    the kernel would restart it when leaving the original stop, but it does not re-examine
//!    registers when leaving our syscall-exit stop. So `finish` applies the restart exactly as the
//!    kernel would have (`rip -= 2`, `rax = orig_rax`, or `restart_syscall` for
//!    `-ERESTART_RESTARTBLOCK`, whose per-thread restart block our calls never touch). A thread on
//!    which no call was made is left entirely untouched.
//!
//! Out-parameters need memory in the tracee: [`RemoteCaller::map_scratch`] maps an anonymous page
//! there (remember to unmap it, before the memory map of the process is read), and
//! [`crate::process_vm`] copies data in and out.

use std::io;

use thiserror::Error;

use crate::pid::Pid;
use crate::process_vm::{self, RemoteRange};
use crate::ptrace::{self, TraceEvent, UserRegs};

const ERESTARTSYS: i64 = 512;
const ERESTARTNOINTR: i64 = 513;
const ERESTARTNOHAND: i64 = 514;
const ERESTART_RESTARTBLOCK: i64 = 516;
/// Length of the `syscall` instruction.
const SYSCALL_INSN_LEN: u64 = 2;

/// Failure of a remote syscall step.
#[derive(Debug, Error)]
pub enum RemoteSyscallError {
    #[error("reading the registers/signal mask of stopped thread {tid} before a remote syscall: {source}")]
    Save { tid: Pid, source: io::Error },
    #[error("preparing thread {tid} to run remote syscall {nr}: {source}")]
    Prepare {
        tid: Pid,
        nr: i64,
        source: io::Error,
    },
    #[error("thread {tid} did not reach the expected syscall stop while running remote syscall {nr} (got {event:?}); it may have been killed")]
    UnexpectedStop {
        tid: Pid,
        nr: i64,
        event: TraceEvent,
    },
    #[error("waiting for thread {tid} during remote syscall {nr}: {source}")]
    Wait {
        tid: Pid,
        nr: i64,
        source: io::Error,
    },
    #[error("putting thread {tid} back after remote syscalls (registers, signal mask or patched code at {addr:#x}): {source}")]
    Restore {
        tid: Pid,
        addr: u64,
        source: io::Error,
    },
    #[error("accessing memory of thread {tid} at {addr:#x} for a remote syscall: {source}")]
    Memory {
        tid: Pid,
        addr: u64,
        source: io::Error,
    },
}

/// Finds a `0f 05` (`syscall`) byte pair in the `[vdso]` mapping of `pid`. `Ok(None)` when the
/// process has no vDSO or it holds no such bytes.
pub fn find_syscall_insn(pid: Pid) -> io::Result<Option<u64>> {
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps"))?;
    for line in maps.lines() {
        if !line.ends_with("[vdso]") {
            continue;
        }
        let Some(range) = line.split_whitespace().next() else {
            continue;
        };
        let Some((lo, hi)) = range.split_once('-') else {
            continue;
        };
        let (Ok(lo), Ok(hi)) = (u64::from_str_radix(lo, 16), u64::from_str_radix(hi, 16)) else {
            continue;
        };
        let len = usize::try_from(hi.saturating_sub(lo)).unwrap_or(0);
        let mut buf = vec![0u8; len];
        let n = process_vm::read_ranges(pid, &mut buf, &[RemoteRange { addr: lo, len }])?;
        let found = buf[..n].windows(2).position(|w| w == [0x0f, 0x05]);
        return Ok(found.map(|off| lo + off as u64));
    }
    Ok(None)
}

/// Registers a thread stopped inside an interrupted syscall must resume with, without the kernel
/// restarting it: the syscall is re-issued (`rip -= 2`, `rax = orig_rax`) for `-ERESTARTSYS`,
/// `-ERESTARTNOINTR` and `-ERESTARTNOHAND`. For `-ERESTART_RESTARTBLOCK` the per-thread restart
/// block is needed: with `restart_block_valid` (same live thread) `restart_syscall` is issued,
/// otherwise (e.g. a restored thread) the call returns `-EINTR`, as CRIU does. Registers of a
/// thread not in an interrupted syscall are returned unchanged.
pub fn restart_fixup(regs: &UserRegs, restart_block_valid: bool) -> UserRegs {
    let mut out = *regs;
    if (regs.orig_rax as i64) < 0 {
        return out;
    }
    match -(regs.rax as i64) {
        ERESTARTSYS | ERESTARTNOINTR | ERESTARTNOHAND => {
            out.rax = regs.orig_rax;
            out.rip = regs.rip.wrapping_sub(SYSCALL_INSN_LEN);
        }
        ERESTART_RESTARTBLOCK => {
            if restart_block_valid {
                out.rax = libc::SYS_restart_syscall as u64;
                out.rip = regs.rip.wrapping_sub(SYSCALL_INSN_LEN);
            } else {
                out.rax = (-i64::from(libc::EINTR)) as u64;
            }
        }
        _ => {}
    }
    out
}

/// True when `regs` are those of a thread stopped inside a syscall that the kernel would restart.
pub fn in_restartable_syscall(regs: &UserRegs) -> bool {
    (regs.orig_rax as i64) >= 0
        && matches!(
            -(regs.rax as i64),
            ERESTARTSYS | ERESTARTNOINTR | ERESTARTNOHAND | ERESTART_RESTARTBLOCK
        )
}

/// A stopped thread borrowed to run syscalls. Call [`RemoteCaller::finish`] to put it back;
/// dropping it without `finish` makes a best-effort restore.
pub struct RemoteCaller {
    tid: Pid,
    insn: u64,
    /// Original word at `insn` when the `syscall` bytes were patched in.
    patched_word: Option<u64>,
    saved_regs: UserRegs,
    saved_mask: u64,
    calls_made: bool,
    finished: bool,
}

impl std::fmt::Debug for RemoteCaller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteCaller")
            .field("tid", &self.tid)
            .field("insn", &format_args!("{:#x}", self.insn))
            .field("patched", &self.patched_word.is_some())
            .finish()
    }
}

impl RemoteCaller {
    /// Borrows stopped thread `tid`. `syscall_insn` is the address of `0f 05` bytes in an
    /// executable mapping of its process (see [`find_syscall_insn`]); with `None`, the bytes at
    /// the thread's `rip` are patched for the duration.
    pub fn new(tid: Pid, syscall_insn: Option<u64>) -> Result<RemoteCaller, RemoteSyscallError> {
        let save = |source| RemoteSyscallError::Save { tid, source };
        let saved_regs = ptrace::get_regs(tid).map_err(save)?;
        let saved_mask = ptrace::get_sigmask(tid).map_err(save)?;
        let (insn, patched_word) = match syscall_insn {
            Some(addr) => (addr, None),
            None => {
                let addr = saved_regs.rip;
                let word = ptrace::peek_word(tid, addr)
                    .map_err(|source| RemoteSyscallError::Memory { tid, addr, source })?;
                let patched = (word & !0xffff) | 0x050f;
                ptrace::poke_word(tid, addr, patched)
                    .map_err(|source| RemoteSyscallError::Memory { tid, addr, source })?;
                (addr, Some(word))
            }
        };
        let caller = RemoteCaller {
            tid,
            insn,
            patched_word,
            saved_regs,
            saved_mask,
            calls_made: false,
            finished: false,
        };
        ptrace::set_sigmask(tid, u64::MAX).map_err(|source| RemoteSyscallError::Prepare {
            tid,
            nr: -1,
            source,
        })?;
        Ok(caller)
    }

    /// The thread this caller runs syscalls in.
    pub fn tid(&self) -> Pid {
        self.tid
    }

    /// The registers the thread had when it was borrowed.
    pub fn saved_regs(&self) -> &UserRegs {
        &self.saved_regs
    }

    /// The blocked-signal mask the thread had when it was borrowed.
    pub fn saved_sigmask(&self) -> u64 {
        self.saved_mask
    }

    /// Runs syscall `nr` with up to six arguments in the thread and returns the raw result
    /// (`-errno` on failure, as the kernel returns it).
    pub fn call(&mut self, nr: i64, args: &[u64]) -> Result<i64, RemoteSyscallError> {
        let tid = self.tid;
        let mut regs = self.saved_regs;
        let a = |i: usize| args.get(i).copied().unwrap_or(0);
        regs.rax = nr as u64;
        regs.orig_rax = u64::MAX;
        regs.rdi = a(0);
        regs.rsi = a(1);
        regs.rdx = a(2);
        regs.r10 = a(3);
        regs.r8 = a(4);
        regs.r9 = a(5);
        regs.rip = self.insn;
        self.calls_made = true;
        ptrace::set_regs(tid, &regs).map_err(|source| RemoteSyscallError::Prepare {
            tid,
            nr,
            source,
        })?;
        let mut syscall_stops = 0;
        let mut extra_stops = 0;
        while syscall_stops < 2 {
            ptrace::resume_to_syscall(tid, 0).map_err(|source| RemoteSyscallError::Prepare {
                tid,
                nr,
                source,
            })?;
            let event = ptrace::wait(tid, false)
                .map_err(|source| RemoteSyscallError::Wait { tid, nr, source })?
                .unwrap_or(TraceEvent::InterruptStop);
            match event {
                TraceEvent::SyscallStop | TraceEvent::SignalStop(libc::SIGTRAP) => {
                    syscall_stops += 1;
                }
                // A remote fork/vfork/clone with PTRACE_O_TRACE{FORK,VFORK,CLONE} set stops once
                // more between entry and exit; the new task is reported to the caller's waits.
                TraceEvent::OtherEvent { event: 1..=3, .. } => {}
                // A thread seized in group-stop (or interrupted twice) reports the pending
                // event-stop again once resumed; resume once more (bounded).
                TraceEvent::InterruptStop | TraceEvent::GroupStop(_)
                    if syscall_stops == 0 && extra_stops < 4 =>
                {
                    extra_stops += 1;
                }
                other => {
                    return Err(RemoteSyscallError::UnexpectedStop {
                        tid,
                        nr,
                        event: other,
                    })
                }
            }
        }
        let out =
            ptrace::get_regs(tid).map_err(|source| RemoteSyscallError::Wait { tid, nr, source })?;
        Ok(out.rax as i64)
    }

    /// Maps `len` bytes of private anonymous read-write memory in the tracee; returns its address.
    pub fn map_scratch(&mut self, len: u64) -> Result<u64, RemoteSyscallError> {
        let prot = (libc::PROT_READ | libc::PROT_WRITE) as u64;
        let flags = (libc::MAP_PRIVATE | libc::MAP_ANONYMOUS) as u64;
        let nr = libc::SYS_mmap;
        let ret = self.call(nr, &[0, len, prot, flags, u64::MAX, 0])?;
        if (-4095..0).contains(&ret) {
            return Err(RemoteSyscallError::Prepare {
                tid: self.tid,
                nr,
                source: io::Error::from_raw_os_error(-ret as i32),
            });
        }
        Ok(ret as u64)
    }

    /// Unmaps memory mapped by [`RemoteCaller::map_scratch`].
    pub fn unmap_scratch(&mut self, addr: u64, len: u64) -> Result<(), RemoteSyscallError> {
        let nr = libc::SYS_munmap;
        let ret = self.call(nr, &[addr, len])?;
        if ret < 0 {
            return Err(RemoteSyscallError::Prepare {
                tid: self.tid,
                nr,
                source: io::Error::from_raw_os_error(-ret as i32),
            });
        }
        Ok(())
    }

    /// Copies `buf.len()` bytes from the tracee at `addr`.
    pub fn read_mem(&self, addr: u64, buf: &mut [u8]) -> Result<(), RemoteSyscallError> {
        let tid = self.tid;
        let len = buf.len();
        let n = process_vm::read_ranges(tid, buf, &[RemoteRange { addr, len }])
            .map_err(|source| RemoteSyscallError::Memory { tid, addr, source })?;
        if n != len {
            return Err(RemoteSyscallError::Memory {
                tid,
                addr,
                source: io::Error::from_raw_os_error(libc::EFAULT),
            });
        }
        Ok(())
    }

    /// Copies `data` into the tracee at `addr` (the memory must be writable, e.g. scratch).
    pub fn write_mem(&self, addr: u64, data: &[u8]) -> Result<(), RemoteSyscallError> {
        let tid = self.tid;
        process_vm::write_all(tid, addr, data).map_err(|source| RemoteSyscallError::Memory {
            tid,
            addr,
            source,
        })
    }

    /// Puts the thread back: original code bytes, registers (with the syscall-restart fixup
    /// described in the module documentation) and signal mask. The thread stays stopped.
    pub fn finish(mut self) -> Result<(), RemoteSyscallError> {
        self.finished = true;
        self.restore()
    }

    fn restore(&mut self) -> Result<(), RemoteSyscallError> {
        let tid = self.tid;
        let err = |addr, source| RemoteSyscallError::Restore { tid, addr, source };
        if let Some(word) = self.patched_word.take() {
            ptrace::poke_word(tid, self.insn, word).map_err(|e| err(self.insn, e))?;
        }
        if self.calls_made {
            let regs = restart_fixup(&self.saved_regs, true);
            ptrace::set_regs(tid, &regs).map_err(|e| err(0, e))?;
        }
        ptrace::set_sigmask(tid, self.saved_mask).map_err(|e| err(0, e))?;
        Ok(())
    }
}

impl Drop for RemoteCaller {
    fn drop(&mut self) {
        if !self.finished {
            // Best effort: the error has nowhere to go, and the caller is already failing.
            let _ = self.restore();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regs() -> UserRegs {
        // SAFETY: plain integers; all-zero is valid.
        unsafe { std::mem::zeroed() }
    }

    #[test]
    fn fixup_restarts_interrupted_syscalls() {
        let mut r = regs();
        r.orig_rax = 35; // nanosleep
        r.rax = (-ERESTART_RESTARTBLOCK) as u64;
        r.rip = 0x1002;
        let live = restart_fixup(&r, true);
        assert_eq!(live.rax, libc::SYS_restart_syscall as u64);
        assert_eq!(live.rip, 0x1000);
        let image = restart_fixup(&r, false);
        assert_eq!(image.rax as i64, -i64::from(libc::EINTR));
        assert_eq!(image.rip, 0x1002);
        r.rax = (-ERESTARTSYS) as u64;
        let f = restart_fixup(&r, false);
        assert_eq!((f.rax, f.rip), (35, 0x1000));
        assert!(in_restartable_syscall(&r));
    }

    #[test]
    fn fixup_leaves_other_states_alone() {
        let mut r = regs();
        r.orig_rax = u64::MAX;
        r.rax = (-ERESTARTSYS) as u64;
        r.rip = 0x2000;
        let f = restart_fixup(&r, true);
        assert_eq!((f.rax, f.rip), (r.rax, r.rip));
        r.orig_rax = 0;
        r.rax = 5;
        assert_eq!(restart_fixup(&r, true).rip, 0x2000);
        assert!(!in_restartable_syscall(&r));
    }
}
