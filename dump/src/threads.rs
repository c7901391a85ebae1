//! Per-thread state read with ptrace and /proc from a frozen thread: registers, xsave area,
//! signal mask, pending signals, robust list, rseq, comm, nice. (The alternate signal stack and
//! clear-child-tid need remote syscalls: see `remote_state`.)

use std::io;

use images_format::proto::common::Arch;
use images_format::proto::core::{PendingSignal, RobustList, Rseq, ThreadCore, X86Regs, X86Thread};
use linux_sys::cpu::XsaveComponent;
use linux_sys::pid::Pid;
use linux_sys::ptrace::{self, UserRegs};
use linux_sys::remote_syscall;
use protobuf::MessageField;

use crate::error::CollectError;
use crate::{proc_status, xsave};

/// Largest xsave area we ask the kernel for (AMX tile data makes it over 11 KiB).
const XSAVE_BUF: usize = 16 * 1024;

fn gone_or(tid: Pid, what: &'static str, source: io::Error) -> CollectError {
    if source.raw_os_error() == Some(libc::ESRCH) {
        CollectError::TargetExited {
            pid: tid,
            during: what.to_string(),
        }
    } else {
        CollectError::Ptrace { tid, what, source }
    }
}

/// Converts kernel registers to the image message.
pub fn regs_to_proto(r: &UserRegs) -> X86Regs {
    let mut g = X86Regs::new();
    g.r15 = r.r15;
    g.r14 = r.r14;
    g.r13 = r.r13;
    g.r12 = r.r12;
    g.rbp = r.rbp;
    g.rbx = r.rbx;
    g.r11 = r.r11;
    g.r10 = r.r10;
    g.r9 = r.r9;
    g.r8 = r.r8;
    g.rax = r.rax;
    g.rcx = r.rcx;
    g.rdx = r.rdx;
    g.rsi = r.rsi;
    g.rdi = r.rdi;
    g.orig_rax = r.orig_rax;
    g.rip = r.rip;
    g.cs = r.cs;
    g.eflags = r.eflags;
    g.rsp = r.rsp;
    g.ss = r.ss;
    g.fs_base = r.fs_base;
    g.gs_base = r.gs_base;
    g.ds = r.ds;
    g.es = r.es;
    g.fs = r.fs;
    g.gs = r.gs;
    g
}

/// Reads everything about stopped thread `tid` of process `pid` that needs no remote syscall.
pub fn collect_thread(
    pid: Pid,
    tid: Pid,
    xsave_layout: &[XsaveComponent],
) -> Result<ThreadCore, CollectError> {
    let raw_regs = ptrace::get_regs(tid).map_err(|e| gone_or(tid, "reading registers", e))?;
    let mut area = vec![0u8; XSAVE_BUF];
    let n = ptrace::get_regset(tid, ptrace::NT_X86_XSTATE, &mut area)
        .map_err(|e| gone_or(tid, "reading the xsave area", e))?;
    area.truncate(n);
    let sigmask =
        ptrace::get_sigmask(tid).map_err(|e| gone_or(tid, "reading the signal mask", e))?;
    let pending =
        ptrace::peek_siginfo(tid, false).map_err(|e| gone_or(tid, "reading pending signals", e))?;
    let robust = linux_sys::tracer_syscalls::get_robust_list(tid)
        .map_err(|e| gone_or(tid, "reading the robust futex list", e))?;
    let rseq = match ptrace::get_rseq_config(tid) {
        Ok(c) => Some(c),
        Err(e) if e.raw_os_error() == Some(libc::EIO) || e.raw_os_error() == Some(libc::EINVAL) => {
            None
        }
        Err(e) => return Err(gone_or(tid, "reading the rseq registration", e)),
    };
    let stat_path = format!("/proc/{pid}/task/{tid}/stat");
    let stat = std::fs::read_to_string(&stat_path)
        .map_err(|source| CollectError::Proc {
            pid,
            path: stat_path.clone(),
            source,
        })
        .and_then(|t| {
            proc_status::parse_stat(&t).map_err(|source| CollectError::Parse {
                pid,
                path: stat_path,
                source,
            })
        })?;

    let mut core = ThreadCore::new();
    core.tid = tid.as_u32();
    core.arch = Arch::ARCH_X86_64.into();
    let mut x86 = X86Thread::new();
    // The image holds registers ready to resume in user mode: an interrupted restartable syscall
    // is re-issued, and one that needs the kernel's per-thread restart block returns -EINTR.
    x86.gprs = MessageField::some(regs_to_proto(&remote_syscall::restart_fixup(
        &raw_regs, false,
    )));
    x86.fpu = MessageField::some(xsave::decode(&area, xsave_layout));
    x86.xsave = area;
    core.x86 = MessageField::some(x86);
    if remote_syscall::in_restartable_syscall(&raw_regs) {
        core.interrupted_syscall = Some(raw_regs.orig_rax as i64);
    }
    core.sigmask = sigmask;
    core.pending = pending
        .iter()
        .map(|si| {
            let mut p = PendingSignal::new();
            p.signo = u32::from_le_bytes([si[0], si[1], si[2], si[3]]);
            p.siginfo = si.to_vec();
            p
        })
        .collect();
    let mut rl = RobustList::new();
    rl.head = robust.head;
    rl.len = robust.len;
    core.robust_list = MessageField::some(rl);
    if let Some(c) = rseq.filter(|c| c.rseq_abi_pointer != 0) {
        let mut r = Rseq::new();
        r.addr = c.rseq_abi_pointer;
        r.len = c.rseq_abi_size;
        r.sig = c.signature;
        core.rseq = MessageField::some(r);
    }
    core.comm = stat.comm.clone();
    core.nice = stat.field(19) as i32;
    Ok(core)
}
