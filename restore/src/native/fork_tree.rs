//! Creating the process tree: the tracer forks the root; every new process runs
//! [`crate::native::process_setup`], which forks its own children, so the tree has the original shape.
//! The tracer then collects one report per process from the control pipe.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use linux_sys::clone3::{fork_with_pid, Forked};
use linux_sys::pid::Pid;
use linux_sys::ptrace::{self, TraceEvent};
use linux_sys::self_setup;
use thiserror::Error;

use crate::native::cleanup::CreatedTree;
use crate::native::control::Report;
use crate::native::plan::{pid_holder, Plan};
use crate::native::shared_fds::SharedFds;
use crate::native::{Log, PidPolicy, RootExit};

/// How long the tree may take to report before the restore gives up.
const REPORT_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Error)]
pub enum ForkTreeError {
    #[error("pid {pid} was taken by {holder} while the tree was being created; retry, or use --pid-policy=any")]
    PidTaken { pid: u32, holder: String },
    #[error("creating process {pid} with clone3: {source}")]
    Clone { pid: u32, source: std::io::Error },
    #[error("setting up restored process {pid}: {message}")]
    Setup { pid: u32, message: String },
    #[error("restored processes {missing:?} stopped without reporting (killed, or crashed while being set up)")]
    Vanished { missing: Vec<u32> },
    #[error("restored processes {missing:?} did not report within {secs} s")]
    Timeout { missing: Vec<u32>, secs: u64 },
    #[error("reading the restore control pipe: {source}")]
    Control { source: std::io::Error },
}

/// The created tree: the pid each process got, and its scratch address.
#[derive(Debug)]
pub(crate) struct ForkedTree {
    pids: Vec<Option<Pid>>,
    scratch: Vec<u64>,
    origs: Vec<Pid>,
}

impl ForkedTree {
    pub fn pid_of(&self, idx: usize) -> Option<Pid> {
        self.pids.get(idx).copied().flatten()
    }

    pub fn scratch_of(&self, idx: usize) -> u64 {
        self.scratch.get(idx).copied().unwrap_or(0)
    }

    pub fn root_pid(&self) -> Pid {
        // fork_tree only returns once the root reported.
        self.pid_of(0)
            .expect("the root pid is known after fork_tree")
    }

    /// Original → new pid, for processes whose pid changed.
    pub fn remapped(&self) -> Vec<(Pid, Pid)> {
        self.origs
            .iter()
            .zip(&self.pids)
            .filter_map(|(&o, &n)| n.filter(|&n| n != o).map(|n| (o, n)))
            .collect()
    }
}

/// Forks with the original pid; under `--pid-policy=any`, falls back to any pid when taken.
pub(crate) fn fork_process(
    orig: Pid,
    policy: PidPolicy,
    exit_signal: i32,
) -> Result<Forked, ForkTreeError> {
    match fork_with_pid(Some(orig), exit_signal) {
        Ok(f) => Ok(f),
        Err(e) if e.raw_os_error() == Some(libc::EEXIST) => match policy {
            PidPolicy::Any => {
                fork_with_pid(None, exit_signal).map_err(|source| ForkTreeError::Clone {
                    pid: orig.as_u32(),
                    source,
                })
            }
            PidPolicy::Exact => Err(ForkTreeError::PidTaken {
                pid: orig.as_u32(),
                holder: pid_holder(orig.as_u32()).unwrap_or_else(|| "another process".into()),
            }),
        },
        Err(source) => Err(ForkTreeError::Clone {
            pid: orig.as_u32(),
            source,
        }),
    }
}

pub(crate) fn fork_tree(
    plan: &Plan,
    shared: &mut SharedFds,
    tree: &mut CreatedTree,
    log: Log<'_>,
) -> Result<ForkedTree, ForkTreeError> {
    let root = &plan.processes[0];
    let exit_signal = exit_signal_of(root);
    match fork_process(root.orig, plan.pid_policy, exit_signal)? {
        Forked::Child => crate::native::process_setup::child_main(plan, shared, 0, HashMap::new()),
        Forked::Parent(pid) => tree.set_root(pid),
    }
    shared.close_control_write();
    let n = plan.processes.len();
    let mut out = ForkedTree {
        pids: vec![None; n],
        scratch: vec![0; n],
        origs: plan.processes.iter().map(|p| p.orig).collect(),
    };
    let index: HashMap<u32, usize> = plan
        .processes
        .iter()
        .enumerate()
        .map(|(i, p)| (p.orig.as_u32(), i))
        .collect();
    let reader = shared.control_read.take().ok_or(ForkTreeError::Control {
        source: std::io::Error::other("control pipe already consumed"),
    })?;
    let fd = std::os::fd::AsRawFd::as_raw_fd(&reader);
    let mut reader = BufReader::new(reader);
    let mut reported = 0usize;
    let started = Instant::now();
    let missing = |out: &ForkedTree| -> Vec<u32> {
        plan.processes
            .iter()
            .enumerate()
            .filter(|(i, _)| out.pids[*i].is_none())
            .map(|(_, p)| p.orig.as_u32())
            .collect()
    };
    while reported < n {
        // Lines already buffered by an earlier read come first: poll only sees the pipe.
        let ready = !reader.buffer().is_empty()
            || self_setup::poll_readable(fd, 500)
                .map_err(|source| ForkTreeError::Control { source })?;
        if !ready {
            if started.elapsed() > REPORT_TIMEOUT {
                return Err(ForkTreeError::Timeout {
                    missing: missing(&out),
                    secs: REPORT_TIMEOUT.as_secs(),
                });
            }
            continue;
        }
        let mut line = String::new();
        let got = reader
            .read_line(&mut line)
            .map_err(|source| ForkTreeError::Control { source })?;
        if got == 0 {
            return Err(ForkTreeError::Vanished {
                missing: missing(&out),
            });
        }
        let Some(report) = Report::decode(line.trim_end_matches('\n')) else {
            log(1, &format!("ignoring malformed control message {line:?}"));
            continue;
        };
        match report {
            Report::Failed { orig, message } => {
                return Err(ForkTreeError::Setup { pid: orig, message });
            }
            Report::Ready { orig, pid, scratch } => {
                if let (Some(&i), Some(p)) = (index.get(&orig), Pid::new(pid)) {
                    out.pids[i] = Some(p);
                    out.scratch[i] = scratch;
                    tree.add(p);
                    reported += 1;
                    log(
                        2,
                        &format!("process {orig} ready as pid {pid}, scratch at {scratch:#x}"),
                    );
                }
            }
            Report::Zombie { orig, pid } => {
                if let (Some(&i), Some(p)) = (index.get(&orig), Pid::new(pid)) {
                    out.pids[i] = Some(p);
                    reported += 1;
                    log(2, &format!("zombie {orig} recreated as pid {pid}"));
                }
            }
        }
    }
    Ok(out)
}

fn exit_signal_of(p: &crate::native::plan::ProcPlan) -> i32 {
    match p.image.core.exit_signal {
        0 => libc::SIGCHLD,
        s => s,
    }
}

/// The signal a child sends its parent on exit, from its image (SIGCHLD unless set otherwise).
pub(crate) fn child_exit_signal(p: &crate::native::plan::ProcPlan) -> i32 {
    exit_signal_of(p)
}

/// Waits for the restored root (our child) to end.
pub(crate) fn wait_root(root: Pid) -> std::io::Result<RootExit> {
    loop {
        match ptrace::wait(root, false)? {
            Some(TraceEvent::Exited(c)) => return Ok(RootExit::Exited(c)),
            Some(TraceEvent::Killed(s)) => return Ok(RootExit::Killed(s)),
            _ => continue,
        }
    }
}
