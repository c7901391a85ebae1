//! Threads and per-thread state: extra threads are created by a remote `clone3` (with their
//! original tid) in the rebuilt address space; each thread then runs its own remote syscalls
//! (clear-tid address, robust list, alternate stack, rseq, name, nice, pending signals,
//! credentials) and finally gets its registers, xsave area and signal mask from the image.

use images_format::proto::core::ThreadCore;
use linux_sys::clone3::{CloneArgs, THREAD_FLAGS};
use linux_sys::pid::Pid;
use linux_sys::ptrace::{self, TraceEvent, UserRegs};
use linux_sys::remote_syscall::RemoteCaller;
use thiserror::Error;

use crate::native::cleanup::CreatedTree;
use crate::native::creds;
use crate::native::memory::{MapMemoryError, Target};
use crate::native::plan::{pid_holder, Plan, SCRATCH_LEN};
use crate::native::{Log, PidPolicy};

const ERESTARTSYS: i64 = 512;
const ERESTARTNOHAND: i64 = 514;

#[derive(Debug, Error)]
pub enum RestoreThreadsError {
    #[error("process {pid}: creating thread {tid}: {source}")]
    Create {
        pid: Pid,
        tid: u32,
        source: Box<MapMemoryError>,
    },
    #[error("process {pid}: thread id {tid} is taken by {holder}; use --pid-policy=any to restore under new ids")]
    TidTaken { pid: Pid, tid: u32, holder: String },
    #[error("process {pid}: new thread {tid} did not stop for the restorer (got {event:?})")]
    NoStop {
        pid: Pid,
        tid: Pid,
        event: Option<TraceEvent>,
    },
    #[error("thread {tid}: {step}: {source}")]
    State {
        tid: Pid,
        step: &'static str,
        source: Box<MapMemoryError>,
    },
    #[error("thread {tid}: {step}: {source}")]
    Ptrace {
        tid: Pid,
        step: &'static str,
        source: std::io::Error,
    },
    #[error("thread {tid}: the image has no x86_64 registers for it")]
    NoRegs { tid: u32 },
    #[error("thread {tid}: restoring credentials: {source}")]
    Creds {
        tid: Pid,
        source: Box<MapMemoryError>,
    },
}

/// The threads of one restored process, stopped and ready to be released.
#[derive(Debug, Default)]
pub(crate) struct RestoredThreads {
    tids: Vec<Pid>,
    remapped: Vec<(Pid, Pid)>,
}

impl RestoredThreads {
    pub fn tids(&self) -> impl Iterator<Item = Pid> + '_ {
        self.tids.iter().copied()
    }

    pub fn remapped(&self) -> impl Iterator<Item = (Pid, Pid)> + '_ {
        self.remapped.iter().copied()
    }
}

/// A thread of the restored process with the remote-syscall handle on it.
struct ThreadTarget<'a> {
    t: Target,
    core: &'a ThreadCore,
}

pub(crate) fn restore_threads(
    main: Target,
    plan: &Plan,
    idx: usize,
    policy: PidPolicy,
    tree: &mut CreatedTree,
    log: Log<'_>,
) -> Result<RestoredThreads, RestoreThreadsError> {
    let image = &plan.processes[idx].image;
    let pid = main.pid;
    let scratch = main.scratch;
    let mut out = RestoredThreads::default();
    let main_core = image
        .threads
        .iter()
        .find(|c| c.tid == image.entry.pid)
        .ok_or(RestoreThreadsError::NoRegs {
            tid: image.entry.pid,
        })?;
    let mut main = ThreadTarget {
        t: main,
        core: main_core,
    };
    let mut others: Vec<ThreadTarget<'_>> = Vec::new();
    for core in image.threads.iter().filter(|c| c.tid != image.entry.pid) {
        let new = create_thread(&mut main.t, core.tid, policy)?;
        tree.add_traced(new);
        if new.as_u32() != core.tid {
            if let Some(o) = Pid::from_u32(core.tid) {
                out.remapped.push((o, new));
            }
        }
        let event = ptrace::wait(new, false).map_err(|source| RestoreThreadsError::Ptrace {
            tid: new,
            step: "waiting for the new thread",
            source,
        })?;
        if !matches!(
            event,
            Some(
                TraceEvent::InterruptStop
                    | TraceEvent::GroupStop(_)
                    | TraceEvent::SignalStop(libc::SIGSTOP)
            )
        ) {
            return Err(RestoreThreadsError::NoStop {
                pid,
                tid: new,
                event,
            });
        }
        let caller =
            RemoteCaller::new(new, Some(scratch)).map_err(|source| RestoreThreadsError::State {
                tid: new,
                step: "borrowing the new thread",
                source: Box::new(MapMemoryError::Remote { pid, source }),
            })?;
        others.push(ThreadTarget {
            t: Target {
                pid: new,
                scratch,
                caller,
            },
            core,
        });
    }
    log(
        2,
        &format!("process {pid}: {} threads created", others.len() + 1),
    );
    posix_timers(&mut main.t, &image.core.posix_timers, &out.remapped)?;

    for th in others.iter_mut() {
        thread_state(th, pid)?;
        creds::restore(&mut th.t, &image.core).map_err(|e| RestoreThreadsError::Creds {
            tid: th.t.pid,
            source: Box::new(e),
        })?;
    }
    thread_state(&mut main, pid)?;
    shared_pending(&mut main, pid, &image.core.shared_pending)?;
    let mtid = main.t.pid;
    creds::restore(&mut main.t, &image.core).map_err(|e| RestoreThreadsError::Creds {
        tid: mtid,
        source: Box::new(e),
    })?;
    creds::process_flags(&mut main.t, &image.core).map_err(|e| RestoreThreadsError::Creds {
        tid: mtid,
        source: Box::new(e),
    })?;
    // The scratch page goes last; nothing runs there any more.
    main.t
        .call(libc::SYS_munmap, &[scratch, SCRATCH_LEN], || {
            "removing the restorer's scratch page".into()
        })
        .map_err(|e| RestoreThreadsError::State {
            tid: mtid,
            step: "unmapping scratch",
            source: Box::new(e),
        })?;

    for th in std::iter::once(main).chain(others) {
        let tid = th.t.pid;
        final_registers(th.t.caller, th.core)?;
        out.tids.push(tid);
    }
    Ok(out)
}

fn create_thread(
    main: &mut Target,
    tid: u32,
    policy: PidPolicy,
) -> Result<Pid, RestoreThreadsError> {
    let pid = main.pid;
    let wrap = |e| RestoreThreadsError::Create {
        pid,
        tid,
        source: Box::new(e),
    };
    let tid_addr = main.put(2048, &(tid as i32).to_ne_bytes()).map_err(wrap)?;
    let mut args = CloneArgs {
        flags: THREAD_FLAGS,
        set_tid: tid_addr,
        set_tid_size: 1,
        ..CloneArgs::default()
    };
    let try_clone = |args: &CloneArgs, main: &mut Target| -> Result<i64, RestoreThreadsError> {
        let addr = main.put(2112, &args.to_bytes()).map_err(wrap)?;
        main.caller
            .call(libc::SYS_clone3, &[addr, 88])
            .map_err(|source| wrap(MapMemoryError::Remote { pid, source }))
    };
    let mut ret = try_clone(&args, main)?;
    if ret == -i64::from(libc::EEXIST) {
        match policy {
            PidPolicy::Exact => {
                return Err(RestoreThreadsError::TidTaken {
                    pid,
                    tid,
                    holder: pid_holder(tid).unwrap_or_else(|| "another task".into()),
                })
            }
            PidPolicy::Any => {
                args.set_tid = 0;
                args.set_tid_size = 0;
                ret = try_clone(&args, main)?;
            }
        }
    }
    if ret <= 0 {
        return Err(wrap(MapMemoryError::Syscall {
            pid,
            what: format!("clone3 for thread {tid}"),
            errno: std::io::Error::from_raw_os_error((-ret) as i32),
        }));
    }
    Pid::new(ret as i32).ok_or_else(|| {
        wrap(MapMemoryError::Syscall {
            pid,
            what: format!("clone3 for thread {tid} returned {ret}"),
            errno: std::io::Error::from_raw_os_error(libc::EINVAL),
        })
    })
}

fn thread_state(th: &mut ThreadTarget<'_>, pid: Pid) -> Result<(), RestoreThreadsError> {
    let tid = th.t.pid;
    let c = th.core;
    let st = |step: &'static str| {
        move |e| RestoreThreadsError::State {
            tid,
            step,
            source: Box::new(e),
        }
    };
    th.t.call(libc::SYS_set_tid_address, &[c.clear_child_tid], || {
        "set_tid_address".into()
    })
    .map_err(st("clear-child-tid"))?;
    if let Some(rl) = c.robust_list.as_ref() {
        if rl.head != 0 {
            th.t.call(libc::SYS_set_robust_list, &[rl.head, rl.len], || {
                format!("set_robust_list({:#x})", rl.head)
            })
            .map_err(st("robust futex list"))?;
        }
    }
    // The thread was created by the restorer and inherits whatever alternate signal stack
    // the restorer had; when the image records none (absent, SS_DISABLE or empty), it must be
    // disabled explicitly or the first SA_ONSTACK handler runs on a stack that is not mapped.
    let (sp, flags, size) = match c.sigaltstack.as_ref() {
        Some(ss) => {
            let flags = ss.flags & !(libc::SS_ONSTACK as u32);
            if flags & libc::SS_DISABLE as u32 == 0 && (ss.sp != 0 || ss.size != 0) {
                (ss.sp, flags, ss.size)
            } else {
                (0, libc::SS_DISABLE as u32, 0)
            }
        }
        None => (0, libc::SS_DISABLE as u32, 0),
    };
    let mut b = Vec::with_capacity(24);
    b.extend_from_slice(&sp.to_ne_bytes());
    b.extend_from_slice(&(flags as i32).to_ne_bytes());
    b.extend_from_slice(&0u32.to_ne_bytes());
    b.extend_from_slice(&size.to_ne_bytes());
    let addr = th.t.put(0, &b).map_err(st("alternate signal stack"))?;
    th.t.call(libc::SYS_sigaltstack, &[addr, 0], || {
        format!("sigaltstack({sp:#x}, {size} bytes, flags {flags:#x})")
    })
    .map_err(st("alternate signal stack"))?;
    if let Some(r) = c.rseq.as_ref() {
        if r.addr != 0 {
            th.t.call(
                libc::SYS_rseq,
                &[r.addr, u64::from(r.len), 0, u64::from(r.sig)],
                || format!("rseq({:#x}, {}, sig {:#x})", r.addr, r.len, r.sig),
            )
            .map_err(st("rseq registration"))?;
        }
    }
    if !c.comm.is_empty() {
        let mut name: Vec<u8> = c.comm.as_bytes().iter().copied().take(15).collect();
        name.push(0);
        let addr = th.t.put(256, &name).map_err(st("thread name"))?;
        th.t.call(
            libc::SYS_prctl,
            &[libc::PR_SET_NAME as u64, addr, 0, 0, 0],
            || "PR_SET_NAME".into(),
        )
        .map_err(st("thread name"))?;
    }
    if c.nice != 0 {
        th.t.call(
            libc::SYS_setpriority,
            &[libc::PRIO_PROCESS as u64, 0, c.nice as i64 as u64],
            || format!("setpriority({})", c.nice),
        )
        .map_err(st("nice value"))?;
    }
    for sig in &c.pending {
        let addr =
            th.t.put(512, &siginfo_bytes(&sig.siginfo))
                .map_err(st("pending signals"))?;
        th.t.call(
            libc::SYS_rt_tgsigqueueinfo,
            &[
                pid.as_raw() as u64,
                tid.as_raw() as u64,
                u64::from(sig.signo),
                addr,
            ],
            || format!("queueing pending signal {}", sig.signo),
        )
        .map_err(st("pending signals"))?;
    }
    Ok(())
}

/// `prctl(PR_TIMER_CREATE_RESTORE_IDS)`: while on, timer_create takes the id to create from its
/// third argument (Linux 6.16+).
const PR_TIMER_CREATE_RESTORE_IDS: u64 = 77;

/// Recreates the process's POSIX timers with their ids, notification and remaining time.
fn posix_timers(
    t: &mut Target,
    timers: &[images_format::proto::process::PosixTimer],
    remapped: &[(Pid, Pid)],
) -> Result<(), RestoreThreadsError> {
    if timers.is_empty() {
        return Ok(());
    }
    let tid = t.pid;
    let st = |e| RestoreThreadsError::State {
        tid,
        step: "POSIX timers",
        source: Box::new(e),
    };
    t.call(
        libc::SYS_prctl,
        &[PR_TIMER_CREATE_RESTORE_IDS, 1, 0, 0, 0],
        || {
            "PR_TIMER_CREATE_RESTORE_IDS (needs Linux 6.16 or later to restore POSIX timer ids)"
                .into()
        },
    )
    .map_err(st)?;
    for timer in timers {
        let notify_tid = remapped
            .iter()
            .find(|(o, _)| o.as_raw() == timer.notify_tid)
            .map(|(_, n)| n.as_raw())
            .unwrap_or(timer.notify_tid);
        let mut sev = [0u8; 64];
        sev[0..8].copy_from_slice(&timer.sigev_value.to_ne_bytes());
        sev[8..12].copy_from_slice(&timer.signo.to_ne_bytes());
        sev[12..16].copy_from_slice(&timer.notify.to_ne_bytes());
        sev[16..20].copy_from_slice(&notify_tid.to_ne_bytes());
        let sev_addr = t.put(0, &sev).map_err(st)?;
        let id_addr = t.put(128, &timer.id.to_ne_bytes()).map_err(st)?;
        t.call(
            libc::SYS_timer_create,
            &[timer.clock_id as u64, sev_addr, id_addr],
            || {
                format!(
                    "timer_create for timer {} (clock {})",
                    timer.id, timer.clock_id
                )
            },
        )
        .map_err(st)?;
        if timer.value_ns > 0 {
            let ts = |ns: i64| [(ns / 1_000_000_000) as u64, (ns % 1_000_000_000) as u64];
            let words = [ts(timer.interval_ns), ts(timer.value_ns)].concat();
            let its: Vec<u8> = words.iter().flat_map(|w| w.to_ne_bytes()).collect();
            let its_addr = t.put(192, &its).map_err(st)?;
            t.call(
                libc::SYS_timer_settime,
                &[timer.id as u64, 0, its_addr, 0],
                || format!("arming timer {}", timer.id),
            )
            .map_err(st)?;
        }
    }
    t.call(
        libc::SYS_prctl,
        &[PR_TIMER_CREATE_RESTORE_IDS, 0, 0, 0, 0],
        || "PR_TIMER_CREATE_RESTORE_IDS off".into(),
    )
    .map_err(st)?;
    Ok(())
}

fn siginfo_bytes(raw: &[u8]) -> [u8; 128] {
    let mut b = [0u8; 128];
    let n = raw.len().min(128);
    b[..n].copy_from_slice(&raw[..n]);
    b
}

fn shared_pending(
    th: &mut ThreadTarget<'_>,
    pid: Pid,
    pending: &[Vec<u8>],
) -> Result<(), RestoreThreadsError> {
    let tid = th.t.pid;
    for raw in pending {
        let info = siginfo_bytes(raw);
        let signo = i32::from_ne_bytes([info[0], info[1], info[2], info[3]]);
        let addr =
            th.t.put(512, &info)
                .map_err(|e| RestoreThreadsError::State {
                    tid,
                    step: "process-wide pending signals",
                    source: Box::new(e),
                })?;
        th.t.call(
            libc::SYS_rt_sigqueueinfo,
            &[pid.as_raw() as u64, signo as u64, addr],
            || format!("queueing process-wide pending signal {signo}"),
        )
        .map_err(|e| RestoreThreadsError::State {
            tid,
            step: "process-wide pending signals",
            source: Box::new(e),
        })?;
    }
    Ok(())
}

fn image_regs(core: &ThreadCore) -> Result<UserRegs, RestoreThreadsError> {
    let r = core
        .x86
        .as_ref()
        .and_then(|x| x.gprs.as_ref())
        .ok_or(RestoreThreadsError::NoRegs { tid: core.tid })?;
    // SAFETY: user_regs_struct is plain integers; all-zero is a valid value.
    let mut u: UserRegs = unsafe { std::mem::zeroed() };
    u.r15 = r.r15;
    u.r14 = r.r14;
    u.r13 = r.r13;
    u.r12 = r.r12;
    u.rbp = r.rbp;
    u.rbx = r.rbx;
    u.r11 = r.r11;
    u.r10 = r.r10;
    u.r9 = r.r9;
    u.r8 = r.r8;
    u.rax = r.rax;
    u.rcx = r.rcx;
    u.rdx = r.rdx;
    u.rsi = r.rsi;
    u.rdi = r.rdi;
    u.orig_rax = r.orig_rax;
    u.rip = r.rip;
    u.cs = r.cs;
    u.eflags = r.eflags;
    u.rsp = r.rsp;
    u.ss = r.ss;
    u.fs_base = r.fs_base;
    u.gs_base = r.gs_base;
    u.ds = r.ds;
    u.es = r.es;
    u.fs = r.fs;
    u.gs = r.gs;
    Ok(u)
}

/// The `-ERESTART*` code the kernel leaves in `rax` when `nr` is interrupted without a timeout
/// to account for: calls that must not be restarted after a handler use `-ERESTARTNOHAND`.
fn restart_code(nr: i64) -> i64 {
    const NOHAND: [i64; 12] = [
        libc::SYS_pause,
        libc::SYS_rt_sigsuspend,
        libc::SYS_poll,
        libc::SYS_ppoll,
        libc::SYS_select,
        libc::SYS_pselect6,
        libc::SYS_epoll_wait,
        libc::SYS_epoll_pwait,
        libc::SYS_epoll_pwait2,
        libc::SYS_rt_sigtimedwait,
        libc::SYS_nanosleep,
        libc::SYS_clock_nanosleep,
    ];
    if NOHAND.contains(&nr) {
        ERESTARTNOHAND
    } else {
        ERESTARTSYS
    }
}

/// Registers to resume with. A thread that was inside an interrupted syscall gets the kernel's
/// own restart state back (`rax = -ERESTART*`, `rip` after the `syscall`), and is released from
/// a stop inside the kernel's signal path, so the kernel itself decides on the way out: restart
/// the call, or run a handler for a signal that arrived meanwhile and return `-EINTR` where
/// POSIX says so. The dumper writes the call already rewound (or `-EINTR` when the lost restart
/// block of a sleep could not be kept) and records which call it was: that is undone here.
/// Registers without a recorded interrupted call are used as they are.
pub(crate) fn resume_regs(regs: &UserRegs, interrupted: Option<i64>) -> UserRegs {
    let mut r = *regs;
    let Some(nr) = interrupted else { return r };
    if regs.orig_rax as i64 != nr {
        return r;
    }
    if regs.rax as i64 == -i64::from(libc::EINTR) {
        // A sleep whose restart block is gone: restarted whole unless a handler runs.
        r.rax = (-ERESTARTNOHAND) as u64;
    } else if regs.rax as i64 == nr {
        r.rip = regs.rip.wrapping_add(2);
        r.rax = (-restart_code(nr)) as u64;
    }
    r
}

fn final_registers(caller: RemoteCaller, core: &ThreadCore) -> Result<(), RestoreThreadsError> {
    let tid = caller.tid();
    let pt = |step: &'static str| move |source| RestoreThreadsError::Ptrace { tid, step, source };
    caller
        .finish()
        .map_err(|source| RestoreThreadsError::State {
            tid,
            step: "ending remote syscalls",
            source: Box::new(MapMemoryError::Remote { pid: tid, source }),
        })?;
    // Park the thread in a stop inside the kernel's signal path (see `resume_regs`): it leaves
    // the syscall-exit stop of our last remote call without running any user code.
    ptrace::interrupt(tid).map_err(pt("interrupting for the final stop"))?;
    ptrace::cont(tid, 0).map_err(pt("moving to the final stop"))?;
    match ptrace::wait(tid, false).map_err(pt("waiting for the final stop"))? {
        Some(TraceEvent::InterruptStop | TraceEvent::GroupStop(_)) => {}
        event => {
            return Err(RestoreThreadsError::NoStop {
                pid: tid,
                tid,
                event,
            });
        }
    }
    let regs = resume_regs(&image_regs(core)?, core.interrupted_syscall);
    ptrace::set_regs(tid, &regs).map_err(pt("setting general registers"))?;
    if let Some(x) = core.x86.as_ref() {
        if !x.xsave.is_empty() {
            ptrace::set_regset(tid, ptrace::NT_X86_XSTATE, &x.xsave)
                .map_err(pt("setting the xsave area (FPU/SSE/AVX/AVX-512 state)"))?;
        }
    }
    ptrace::set_sigmask(tid, core.sigmask).map_err(pt("setting the signal mask"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regs() -> UserRegs {
        // SAFETY: plain integers; all-zero is valid.
        unsafe { std::mem::zeroed() }
    }

    #[test]
    fn rewound_calls_get_the_kernel_restart_state_back() {
        let mut r = regs();
        r.orig_rax = libc::SYS_read as u64;
        r.rax = libc::SYS_read as u64;
        r.rip = 0x4000;
        let f = resume_regs(&r, Some(libc::SYS_read));
        assert_eq!(
            (f.rax as i64, f.rip, f.orig_rax),
            (-ERESTARTSYS, 0x4002, libc::SYS_read as u64)
        );
        r.orig_rax = libc::SYS_pause as u64;
        r.rax = libc::SYS_pause as u64;
        let f = resume_regs(&r, Some(libc::SYS_pause));
        assert_eq!((f.rax as i64, f.rip), (-ERESTARTNOHAND, 0x4002));
    }

    #[test]
    fn sleep_turned_into_eintr_restarts_unless_a_handler_runs() {
        let mut r = regs();
        r.orig_rax = libc::SYS_nanosleep as u64;
        r.rax = (-i64::from(libc::EINTR)) as u64;
        r.rip = 0x4002;
        let f = resume_regs(&r, Some(libc::SYS_nanosleep));
        assert_eq!((f.rax as i64, f.rip), (-ERESTARTNOHAND, 0x4002));
    }

    #[test]
    fn other_states_are_left_alone() {
        let mut r = regs();
        r.orig_rax = 1;
        r.rax = 7;
        r.rip = 0x4002;
        assert_eq!(resume_regs(&r, None).rip, 0x4002);
        assert_eq!(resume_regs(&r, Some(1)).rax, 7);
        r.orig_rax = u64::MAX;
        assert_eq!(resume_regs(&r, Some(1)).rax, 7);
    }
}
