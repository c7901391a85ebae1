//! Running a restored guest process: the one entry point a restorer calls ([`run_process`]).
//!
//! The restorer has mapped the guest's memory at the guest's own addresses and placed its file
//! descriptors; [`ProcessSeed`] carries the rest. The per-process and per-thread kernel state of
//! the image (sigactions, signal mask, alternate stack, clear-tid address, robust list) is
//! applied by *replaying* the calls the guest itself would make (rt_sigaction, rt_sigprocmask,
//! sigaltstack, set_tid_address, set_robust_list) through the syscall layer, so whatever that
//! layer does for the guest's own calls a restore gets too. Then every thread is created and
//! parked, `hold` runs (the hot-patch stage: nothing of the guest has executed yet), and all
//! threads are released together.

use crate::machine::{Config, CreateMachineError, Exit, Machine, RunError};
use crate::state::{gpr as G, GuestState};
use crate::syscall::abi::{KernelSigaction, StackT};
use crate::syscall::vdso::VdsoIntercepts;
use crate::syscall::{CodeInvalidator, LinuxSyscalls, SyscallHandler, SyscallOutcome};

/// One thread of the image, as it resumes.
#[derive(Clone, Debug)]
pub struct ThreadSeed {
    /// Registers at the instruction where the thread stopped.
    pub state: GuestState,
    /// The thread id in the image (the thread gets a new id on this host).
    pub image_tid: i32,
    /// set_tid_address value (0: none).
    pub clear_child_tid: u64,
    /// set_robust_list head (0: none) and length.
    pub robust_list: u64,
    pub robust_list_len: u64,
    /// Blocked signals, bit (signo - 1).
    pub sigmask: u64,
    /// Alternate signal stack (`ss_flags` SS_DISABLE or `ss_sp` 0: none).
    pub altstack: StackT,
}

/// Everything [`run_process`] needs besides the guest memory, which the caller has mapped.
#[derive(Clone, Debug)]
pub struct ProcessSeed {
    /// The process id in the image.
    pub image_pid: i32,
    /// Every thread; `[0]` is the leader.
    pub threads: Vec<ThreadSeed>,
    /// Signal actions in the x86_64 layout, by signal number (SIGKILL and SIGSTOP excluded).
    pub sigactions: Vec<(u32, KernelSigaction)>,
    /// The program break: where the heap starts and where it is now.
    pub brk_start: u64,
    pub brk: u64,
    /// The guest's vDSO entry points, served by real syscalls.
    pub vdso: Option<VdsoIntercepts>,
    pub config: Config,
}

/// How the guest process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcessEnd {
    /// exit_group (or the last thread's exit) with this status.
    Exited(i32),
    /// Killed by this signal.
    Killed(i32),
}

/// Why the guest process could not be run to its end.
#[derive(Debug, thiserror::Error)]
pub enum RunProcessError {
    #[error("the image process {image_pid} has {count} threads; translated restore runs single-threaded processes until guest threads arrive with the threads work (restore a single-threaded process, or restore natively on x86_64)")]
    Threads { image_pid: i32, count: usize },
    #[error("the image process {image_pid} has no thread to run (its thread list is empty); the image is damaged")]
    NoThread { image_pid: i32 },
    #[error("replaying {call} for image thread {image_tid} ({what}) through the syscall layer failed with errno {errno}; the image's kernel state cannot be applied on this host")]
    Replay {
        call: &'static str,
        image_tid: i32,
        what: String,
        errno: i64,
    },
    #[error("creating the translator for image process {image_pid}: {source}")]
    Machine {
        image_pid: i32,
        source: CreateMachineError,
    },
    #[error("the hot-patch stage of image process {image_pid} failed while every thread was held, before any guest instruction ran: {reason}")]
    Hold { image_pid: i32, reason: String },
    #[error(
        "running image process {image_pid} (thread {image_tid}) through the translator: {source}"
    )]
    Run {
        image_pid: i32,
        image_tid: i32,
        source: RunError,
    },
    #[error("image process {image_pid} stopped at a breakpoint (int3) at {rip:#x}: the machine was configured to stop at int3, which a restored process cannot be resumed from; restore with int3_stops off")]
    Breakpoint { image_pid: i32, rip: u64 },
}

/// Replays before the guest runs change no guest code.
struct NoCode;

impl CodeInvalidator for NoCode {
    fn invalidate(&mut self, _start: u64, _len: u64) {}
}

/// Issues the x86_64 syscall `nr` with `args` through `sys`, as the guest would; the result.
fn replay(sys: &mut LinuxSyscalls, nr: u64, args: [u64; 6]) -> i64 {
    let mut st = GuestState::default();
    st.gpr[G::RAX] = nr;
    st.gpr[G::RDI] = args[0];
    st.gpr[G::RSI] = args[1];
    st.gpr[G::RDX] = args[2];
    st.gpr[G::R10] = args[3];
    st.gpr[G::R8] = args[4];
    st.gpr[G::R9] = args[5];
    match sys.syscall(&mut st, &mut NoCode) {
        SyscallOutcome::Continue => st.gpr[G::RAX] as i64,
        // none of the replayed calls exits
        SyscallOutcome::Exit(_) => 0,
    }
}

const NR_RT_SIGACTION: u64 = 13;
const NR_RT_SIGPROCMASK: u64 = 14;
const NR_SIGALTSTACK: u64 = 131;
const NR_SET_TID_ADDRESS: u64 = 218;
const NR_SET_ROBUST_LIST: u64 = 273;
const SIG_SETMASK: u64 = 2;
const SS_DISABLE: i32 = 2;
const ENOSYS: i64 = 38;

fn check(
    r: i64,
    call: &'static str,
    image_tid: i32,
    what: impl FnOnce() -> String,
) -> Result<(), RunProcessError> {
    if (-4095..0).contains(&r) {
        return Err(RunProcessError::Replay {
            call,
            image_tid,
            what: what(),
            errno: -r,
        });
    }
    Ok(())
}

/// Applies the process-wide state (sigactions) and one thread's state by replaying the guest's
/// own calls. Pointers passed are host addresses of locals: guest memory is identity-mapped, so
/// the syscall layer reads them like guest memory.
fn replay_state(
    sys: &mut LinuxSyscalls,
    seed: &ProcessSeed,
    t: &ThreadSeed,
) -> Result<(), RunProcessError> {
    let tid = t.image_tid;
    for (sig, act) in &seed.sigactions {
        let act = *act;
        let r = replay(
            sys,
            NR_RT_SIGACTION,
            [
                u64::from(*sig),
                &act as *const KernelSigaction as u64,
                0,
                8,
                0,
                0,
            ],
        );
        check(r, "rt_sigaction", tid, || {
            format!("signal {sig}, handler {:#x}", act.handler)
        })?;
    }
    if t.altstack.ss_sp != 0 && t.altstack.ss_flags & SS_DISABLE == 0 {
        // SS_ONSTACK is what the kernel reports, not a flag sigaltstack accepts
        let ss = StackT {
            ss_flags: 0,
            ..t.altstack
        };
        let r = replay(
            sys,
            NR_SIGALTSTACK,
            [&ss as *const StackT as u64, 0, 0, 0, 0, 0],
        );
        check(r, "sigaltstack", tid, || {
            format!("stack {:#x} size {}", ss.ss_sp, ss.ss_size)
        })?;
    }
    if t.clear_child_tid != 0 {
        let r = replay(sys, NR_SET_TID_ADDRESS, [t.clear_child_tid, 0, 0, 0, 0, 0]);
        check(r, "set_tid_address", tid, || {
            format!("address {:#x}", t.clear_child_tid)
        })?;
    }
    if t.robust_list != 0 {
        let r = replay(
            sys,
            NR_SET_ROBUST_LIST,
            [t.robust_list, t.robust_list_len, 0, 0, 0, 0],
        );
        // A host without robust futexes (qemu-user answers ENOSYS) is one glibc itself
        // accepts: its own set_robust_list call would have failed the same way.
        let r = if r == -ENOSYS { 0 } else { r };
        check(r, "set_robust_list", tid, || {
            format!("head {:#x} length {}", t.robust_list, t.robust_list_len)
        })?;
    }
    // last: the mask may block signals the calls above would otherwise see
    let mask = t.sigmask;
    let r = replay(
        sys,
        NR_RT_SIGPROCMASK,
        [SIG_SETMASK, &mask as *const u64 as u64, 0, 8, 0, 0],
    );
    check(r, "rt_sigprocmask", tid, || format!("mask {mask:#x}"))
}

/// Runs a restored guest process to its end. The caller has mapped the guest's memory at its
/// own addresses and placed its file descriptors. `hold` runs once every thread exists and is
/// parked, before any guest instruction executes; its error aborts the run with nothing of the
/// guest executed.
pub fn run_process(
    seed: ProcessSeed,
    hold: &mut dyn FnMut() -> Result<(), String>,
) -> Result<ProcessEnd, RunProcessError> {
    let image_pid = seed.image_pid;
    let leader = match seed.threads.as_slice() {
        [] => return Err(RunProcessError::NoThread { image_pid }),
        [one] => one.clone(),
        more => {
            return Err(RunProcessError::Threads {
                image_pid,
                count: more.len(),
            })
        }
    };
    let mut sys = LinuxSyscalls::new(seed.brk_start);
    sys.proc.brk = seed.brk.max(sys.proc.brk_start);
    replay_state(&mut sys, &seed, &leader)?;
    let config = Config {
        // a guest's int3 is a SIGTRAP for the guest, never the end of a restored process
        int3_stops: false,
        ..seed.config
    };
    let mut machine = Machine::with_syscalls(config, Box::new(sys))
        .map_err(|source| RunProcessError::Machine { image_pid, source })?;
    machine.set_vdso_intercepts(seed.vdso);
    // The only thread is this one, parked here: nothing of the guest has run.
    hold().map_err(|reason| RunProcessError::Hold { image_pid, reason })?;
    let mut state = leader.state;
    match machine.run(&mut state) {
        Ok(Exit::Exit { status }) => Ok(ProcessEnd::Exited(status)),
        Ok(Exit::Breakpoint { rip }) => Err(RunProcessError::Breakpoint { image_pid, rip }),
        Err(source) => Err(RunProcessError::Run {
            image_pid,
            image_tid: leader.image_tid,
            source,
        }),
    }
}
