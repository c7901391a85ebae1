//! State that only the process itself can report, read by making its stopped threads execute
//! system calls (see `linux_sys::remote_syscall`): sigactions, itimers, POSIX timer values, brk,
//! prctl values, and per thread the alternate signal stack and clear-child-tid address.
//!
//! A scratch page is mapped in the process for out-parameters and unmapped before returning, so
//! the memory map read afterwards is the process's own.

use images_format::proto::core::{SigAltStack, ThreadCore};
use images_format::proto::process::{Itimer, Itimers, PosixTimer, SigAction};
use linux_sys::pid::Pid;
use linux_sys::remote_syscall::{RemoteCaller, RemoteSyscallError};
use protobuf::MessageField;

use crate::error::CollectError;
use crate::proc_status::TimerInfo;

const SCRATCH_LEN: u64 = 4096;
const PR_GET_PDEATHSIG: u64 = 2;
const PR_GET_DUMPABLE: u64 = 3;
const PR_GET_SECUREBITS: u64 = 27;
const PR_GET_CHILD_SUBREAPER: u64 = 37;
const PR_GET_TID_ADDRESS: u64 = 40;

/// What the remote calls found for the process as a whole.
#[derive(Debug, Default)]
pub struct RemoteProcessState {
    pub sigactions: Vec<SigAction>,
    pub itimers: Itimers,
    pub posix_timers: Vec<PosixTimer>,
    pub brk: u64,
    pub pdeath_signal: i32,
    pub dumpable: bool,
    pub securebits: u32,
    pub child_subreaper: bool,
}

fn remote_err(pid: Pid, what: &'static str) -> impl Fn(RemoteSyscallError) -> CollectError {
    move |source| match &source {
        RemoteSyscallError::UnexpectedStop { .. } => CollectError::TargetExited {
            pid,
            during: format!("reading {what} with a remote syscall"),
        },
        _ => CollectError::Remote { pid, what, source },
    }
}

fn check(pid: Pid, what: String, ret: i64) -> Result<u64, CollectError> {
    if (-4095..0).contains(&ret) {
        return Err(CollectError::RemoteFailed {
            pid,
            what,
            source: std::io::Error::from_raw_os_error(-ret as i32),
        });
    }
    Ok(ret as u64)
}

fn le_u64(b: &[u8], off: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[off..off + 8]);
    u64::from_le_bytes(w)
}

fn itimer_from(b: &[u8]) -> Itimer {
    // struct itimerval { timeval it_interval; timeval it_value; }
    let ns =
        |sec: u64, usec: u64| (sec as i64).saturating_mul(1_000_000_000) + (usec as i64) * 1000;
    let mut t = Itimer::new();
    t.interval_ns = ns(le_u64(b, 0), le_u64(b, 8));
    t.value_ns = ns(le_u64(b, 16), le_u64(b, 24));
    t
}

/// Runs the per-process and per-thread remote calls. `threads` are the already collected cores
/// of `pid`'s live threads (the agent thread first); their sigaltstack and clear_child_tid are
/// filled in here.
pub fn collect(
    pid: Pid,
    syscall_insn: Option<u64>,
    timers: &[TimerInfo],
    threads: &mut [ThreadCore],
) -> Result<RemoteProcessState, CollectError> {
    let Some(first) = threads.first() else {
        return Ok(RemoteProcessState::default());
    };
    let agent_tid = Pid::from_u32(first.tid).unwrap_or(pid);
    let err = |what| remote_err(pid, what);
    let mut agent = RemoteCaller::new(agent_tid, syscall_insn).map_err(err("thread registers"))?;
    let scratch = agent
        .map_scratch(SCRATCH_LEN)
        .map_err(err("a scratch page"))?;
    let result = collect_with(pid, &mut agent, scratch, syscall_insn, timers, threads);
    let unmap = agent
        .unmap_scratch(scratch, SCRATCH_LEN)
        .map_err(err("(unmapping the scratch page)"));
    let finish = agent.finish().map_err(err("(restoring the agent thread)"));
    let state = result?;
    unmap?;
    finish?;
    Ok(state)
}

fn collect_with(
    pid: Pid,
    agent: &mut RemoteCaller,
    scratch: u64,
    syscall_insn: Option<u64>,
    timers: &[TimerInfo],
    threads: &mut [ThreadCore],
) -> Result<RemoteProcessState, CollectError> {
    let err = |what| remote_err(pid, what);
    let mut st = RemoteProcessState::default();
    let mut buf = [0u8; 64];

    for signo in 1..=64u32 {
        if signo == libc::SIGKILL as u32 || signo == libc::SIGSTOP as u32 {
            continue;
        }
        let ret = agent
            .call(libc::SYS_rt_sigaction, &[u64::from(signo), 0, scratch, 8])
            .map_err(err("sigactions"))?;
        check(pid, format!("the sigaction of signal {signo}"), ret)?;
        agent
            .read_mem(scratch, &mut buf[..32])
            .map_err(err("sigactions"))?;
        let mut sa = SigAction::new();
        sa.signo = signo;
        sa.handler = le_u64(&buf, 0);
        sa.flags = le_u64(&buf, 8);
        sa.restorer = le_u64(&buf, 16);
        sa.mask = le_u64(&buf, 24);
        st.sigactions.push(sa);
    }

    let mut itimers = Itimers::new();
    for which in 0..3u64 {
        let ret = agent
            .call(libc::SYS_getitimer, &[which, scratch])
            .map_err(err("itimers"))?;
        check(pid, format!("itimer {which}"), ret)?;
        agent
            .read_mem(scratch, &mut buf[..32])
            .map_err(err("itimers"))?;
        let t = MessageField::some(itimer_from(&buf));
        match which {
            0 => itimers.real = t,
            1 => itimers.virt = t,
            _ => itimers.prof = t,
        }
    }
    st.itimers = itimers;

    for t in timers {
        let id = t.id as u64;
        let ret = agent
            .call(libc::SYS_timer_gettime, &[id, scratch])
            .map_err(err("POSIX timers"))?;
        check(pid, format!("POSIX timer {}", t.id), ret)?;
        agent
            .read_mem(scratch, &mut buf[..32])
            .map_err(err("POSIX timers"))?;
        let overrun = agent
            .call(libc::SYS_timer_getoverrun, &[id])
            .map_err(err("POSIX timers"))?;
        let mut p = PosixTimer::new();
        p.id = t.id;
        p.clock_id = t.clock_id;
        p.notify = match t.notify.as_str() {
            "signal" => libc::SIGEV_SIGNAL,
            "none" => libc::SIGEV_NONE,
            "thread" => libc::SIGEV_THREAD_ID,
            _ => libc::SIGEV_SIGNAL,
        };
        p.signo = t.signo;
        p.sigev_value = t.sigev_value;
        p.notify_tid = t.notify_tid;
        // struct itimerspec { timespec it_interval; timespec it_value; }
        p.interval_ns =
            (le_u64(&buf, 0) as i64).saturating_mul(1_000_000_000) + le_u64(&buf, 8) as i64;
        p.value_ns =
            (le_u64(&buf, 16) as i64).saturating_mul(1_000_000_000) + le_u64(&buf, 24) as i64;
        p.overrun = overrun.max(0) as i32;
        st.posix_timers.push(p);
    }

    st.brk = check(
        pid,
        "brk".into(),
        agent.call(libc::SYS_brk, &[0]).map_err(err("brk"))?,
    )?;
    let mut prctl_out = |opt: u64, what: &'static str| -> Result<u64, CollectError> {
        let ret = agent
            .call(libc::SYS_prctl, &[opt, scratch])
            .map_err(err(what))?;
        check(pid, what.to_string(), ret)?;
        agent.read_mem(scratch, &mut buf[..4]).map_err(err(what))?;
        Ok(u64::from(u32::from_le_bytes([
            buf[0], buf[1], buf[2], buf[3],
        ])))
    };
    st.pdeath_signal = prctl_out(PR_GET_PDEATHSIG, "the parent-death signal")? as i32;
    st.child_subreaper = prctl_out(PR_GET_CHILD_SUBREAPER, "the child-subreaper flag")? != 0;
    let dumpable = agent
        .call(libc::SYS_prctl, &[PR_GET_DUMPABLE])
        .map_err(err("dumpable"))?;
    st.dumpable = check(pid, "the dumpable flag".into(), dumpable)? != 0;
    let bits = agent
        .call(libc::SYS_prctl, &[PR_GET_SECUREBITS])
        .map_err(err("securebits"))?;
    st.securebits = check(pid, "securebits".into(), bits)? as u32;

    // Per thread: the agent serves its own thread; the others are borrowed one at a time.
    for (i, core) in threads.iter_mut().enumerate() {
        if i == 0 {
            thread_state(pid, agent, scratch, core)?;
        } else {
            let tid = Pid::from_u32(core.tid).unwrap_or(pid);
            let mut caller =
                RemoteCaller::new(tid, syscall_insn).map_err(err("thread registers"))?;
            thread_state(pid, &mut caller, scratch, core)?;
            caller.finish().map_err(err("(restoring a thread)"))?;
        }
    }
    Ok(st)
}

fn thread_state(
    pid: Pid,
    caller: &mut RemoteCaller,
    scratch: u64,
    core: &mut ThreadCore,
) -> Result<(), CollectError> {
    let err = |what| remote_err(pid, what);
    let mut buf = [0u8; 24];
    let ret = caller
        .call(libc::SYS_sigaltstack, &[0, scratch])
        .map_err(err("the alternate signal stack"))?;
    check(
        pid,
        format!("the alternate signal stack of thread {}", core.tid),
        ret,
    )?;
    caller
        .read_mem(scratch, &mut buf)
        .map_err(err("the alternate signal stack"))?;
    // stack_t { void *ss_sp; int ss_flags; size_t ss_size; }
    let mut ss = SigAltStack::new();
    ss.sp = le_u64(&buf, 0);
    ss.flags = u32::from_le_bytes([buf[8], buf[9], buf[10], buf[11]]);
    ss.size = le_u64(&buf, 16);
    core.sigaltstack = MessageField::some(ss);

    let ret = caller
        .call(libc::SYS_prctl, &[PR_GET_TID_ADDRESS, scratch])
        .map_err(err("the clear-child-tid address"))?;
    check(
        pid,
        format!("the clear-child-tid address of thread {}", core.tid),
        ret,
    )?;
    caller
        .read_mem(scratch, &mut buf[..8])
        .map_err(err("the clear-child-tid address"))?;
    core.clear_child_tid = le_u64(&buf, 0);
    Ok(())
}
