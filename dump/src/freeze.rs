//! Freezing a process tree: `PTRACE_SEIZE` + `PTRACE_INTERRUPT` of every thread of every process,
//! re-scanning threads and children until the set is stable, and releasing it again (detach, or
//! kill after a successful dump).
//!
//! Once every thread of a process is in a ptrace-stop it can neither create threads nor fork, so a
//! scan that finds nothing new after all known threads stopped is final.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::io;
use std::time::{Duration, Instant};

use linux_sys::pid::Pid;
use linux_sys::ptrace::{self, TraceEvent};

use crate::error::FreezeError;
use crate::proc_status::{self, Stat};

/// One process of the frozen tree.
#[derive(Clone, Debug)]
pub struct FrozenProcess {
    pub pid: Pid,
    /// Parent pid in the tree (`None` for the root).
    pub parent: Option<Pid>,
    /// Live thread ids, the main thread first (when it is alive).
    pub threads: Vec<Pid>,
    /// The process had exited and is waiting to be reaped; it was not seized.
    pub zombie: bool,
    /// The process was stopped by this job-control signal when seized.
    pub group_stop: Option<i32>,
}

/// A frozen tree. Dropping it without [`FrozenTree::release`] or [`FrozenTree::kill`] releases it.
#[derive(Debug)]
pub struct FrozenTree {
    /// Parents before children.
    pub processes: Vec<FrozenProcess>,
    /// Every seized thread, with whether it is known to be in a ptrace-stop.
    seized: Vec<(Pid, Pid, bool)>,
    done: bool,
}

fn read_stat(pid: Pid) -> Result<Option<Stat>, FreezeError> {
    let path = format!("/proc/{pid}/stat");
    match std::fs::read_to_string(&path) {
        Ok(text) => proc_status::parse_stat(&text)
            .map(Some)
            .map_err(|source| FreezeError::Parse { path, source }),
        Err(e) if e.kind() == io::ErrorKind::NotFound || e.raw_os_error() == Some(libc::ESRCH) => {
            Ok(None)
        }
        Err(source) => Err(FreezeError::Proc { path, source }),
    }
}

fn list_tasks(pid: Pid) -> Result<Vec<Pid>, FreezeError> {
    let path = format!("/proc/{pid}/task");
    let dir = match std::fs::read_dir(&path) {
        Ok(d) => d,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(FreezeError::Proc { path, source }),
    };
    let mut tids: Vec<Pid> = dir
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().and_then(|s| s.parse().ok()))
        .filter_map(Pid::new)
        .collect();
    tids.sort();
    // Main thread first.
    if let Some(i) = tids.iter().position(|t| *t == pid) {
        tids.swap(0, i);
        let rest = &mut tids[1..];
        rest.sort();
    }
    Ok(tids)
}

fn children_of(pid: Pid, tids: &[Pid]) -> Vec<Pid> {
    let mut out = BTreeSet::new();
    for tid in tids {
        if let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/children")) {
            out.extend(
                proc_status::parse_children(&text)
                    .into_iter()
                    .filter_map(Pid::new),
            );
        }
    }
    out.into_iter().collect()
}

/// The `Seccomp:` mode of a status file (0 none, 1 strict, 2 filter).
fn seccomp_mode(status: &str) -> u32 {
    status
        .lines()
        .find_map(|l| l.strip_prefix("Seccomp:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// True for kernel threads (PF_KTHREAD in the stat flags).
fn is_kernel_thread(stat: &Stat) -> bool {
    const PF_KTHREAD: u64 = 0x0020_0000;
    stat.ufield(9) & PF_KTHREAD != 0
}

fn describe_seize_failure(pid: Pid, tid: Pid, source: io::Error) -> FreezeError {
    if source.raw_os_error() == Some(libc::EPERM) {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|t| proc_status::parse_status(&t).ok());
        if let Some(st) = status {
            if st.tracer_pid != 0 {
                let tracer_comm = std::fs::read_to_string(format!("/proc/{}/comm", st.tracer_pid))
                    .map(|s| s.trim().to_string())
                    .unwrap_or_else(|_| "?".to_string());
                return FreezeError::AlreadyTraced {
                    pid,
                    tracer: st.tracer_pid,
                    tracer_comm,
                };
            }
            let ptrace_scope = std::fs::read_to_string("/proc/sys/kernel/yama/ptrace_scope")
                .map(|s| s.trim().to_string())
                .unwrap_or_else(|_| "absent".to_string());
            // SAFETY: geteuid has no preconditions.
            let our_uid = unsafe { libc::geteuid() };
            return FreezeError::PermissionDenied {
                pid,
                owner_uid: st.uids[1],
                our_uid,
                ptrace_scope,
            };
        }
    }
    FreezeError::Seize { pid, tid, source }
}

/// How a wait for a stop ended.
enum Stopped {
    Yes { group_stop: Option<i32> },
    Gone,
}

/// Waits until `tid` reports its interrupt stop, re-delivering signals that arrive first.
fn wait_for_stop(
    pid: Pid,
    tid: Pid,
    deadline: Instant,
    timeout: Duration,
) -> Result<Stopped, FreezeError> {
    let mut nap = Duration::from_micros(20);
    loop {
        let event =
            ptrace::wait(tid, true).map_err(|source| FreezeError::Wait { pid, tid, source })?;
        match event {
            None => {
                if Instant::now() >= deadline {
                    let state = read_stat(tid)
                        .ok()
                        .flatten()
                        .map(|s| s.state())
                        .unwrap_or('?');
                    return Err(FreezeError::Timeout {
                        pid,
                        tid,
                        timeout_s: timeout.as_secs_f64(),
                        state,
                    });
                }
                std::thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(2));
            }
            Some(TraceEvent::InterruptStop) => return Ok(Stopped::Yes { group_stop: None }),
            Some(TraceEvent::GroupStop(sig)) => {
                return Ok(Stopped::Yes {
                    group_stop: Some(sig),
                })
            }
            Some(TraceEvent::SignalStop(sig)) => {
                // A signal was dequeued before our interrupt took effect: deliver it as the kernel
                // would have; the interrupt stays pending and is reported next.
                ptrace::cont(tid, sig).map_err(|source| FreezeError::Wait { pid, tid, source })?;
            }
            Some(ev) if ev.is_gone() => return Ok(Stopped::Gone),
            Some(other) => {
                return Err(FreezeError::UnexpectedStop {
                    pid,
                    tid,
                    what: format!("{other:?}"),
                });
            }
        }
    }
}

impl FrozenTree {
    /// Freezes the tree rooted at `root`. On error, everything seized so far is released.
    pub fn freeze(root: Pid, timeout: Duration) -> Result<FrozenTree, FreezeError> {
        let me = Pid::this_process();
        // SAFETY: getppid has no preconditions.
        let parent = Pid::new(unsafe { libc::getppid() });
        if root == me || Some(root) == parent {
            return Err(FreezeError::SelfDump { pid: root });
        }
        let mut tree = FrozenTree {
            processes: Vec::new(),
            seized: Vec::new(),
            done: false,
        };
        let deadline = Instant::now() + timeout;
        match tree.freeze_all(root, deadline, timeout) {
            Ok(()) => Ok(tree),
            Err(e) => {
                tree.release();
                Err(e)
            }
        }
    }

    fn freeze_all(
        &mut self,
        root: Pid,
        deadline: Instant,
        timeout: Duration,
    ) -> Result<(), FreezeError> {
        let mut queue: VecDeque<(Pid, Option<Pid>)> = VecDeque::from([(root, None)]);
        let mut visited: HashSet<Pid> = HashSet::new();
        while let Some((pid, parent)) = queue.pop_front() {
            if !visited.insert(pid) {
                continue;
            }
            let Some(stat) = read_stat(pid)? else {
                if parent.is_none() {
                    return Err(FreezeError::NoSuchProcess { pid });
                }
                continue; // a child exited and was reaped meanwhile
            };
            if is_kernel_thread(&stat) {
                return Err(FreezeError::KernelThread { pid });
            }
            if stat.state() == 'Z' || stat.state() == 'X' {
                if parent.is_none() {
                    return Err(FreezeError::RootIsZombie { pid });
                }
                self.processes.push(FrozenProcess {
                    pid,
                    parent,
                    threads: Vec::new(),
                    zombie: true,
                    group_stop: None,
                });
                continue;
            }
            let (threads, group_stop) = self.freeze_process(pid, deadline, timeout)?;
            if threads.is_empty() {
                if parent.is_none() {
                    return Err(FreezeError::RootExited { pid });
                }
                continue;
            }
            for child in children_of(pid, &threads) {
                queue.push_back((child, Some(pid)));
            }
            self.processes.push(FrozenProcess {
                pid,
                parent,
                threads,
                zombie: false,
                group_stop,
            });
        }
        Ok(())
    }

    /// Seizes and stops every thread of `pid`, re-listing until no new thread shows up.
    fn freeze_process(
        &mut self,
        pid: Pid,
        deadline: Instant,
        timeout: Duration,
    ) -> Result<(Vec<Pid>, Option<i32>), FreezeError> {
        let status_path = format!("/proc/{pid}/status");
        let status_text = std::fs::read_to_string(&status_path).unwrap_or_default();
        let seccomp = seccomp_mode(&status_text);
        let mut options = ptrace::O_TRACESYSGOOD;
        if seccomp == 2 {
            // A filter could refuse our remote syscalls or kill the process for them.
            options |= ptrace::O_SUSPEND_SECCOMP;
        }
        let mut live: Vec<Pid> = Vec::new();
        let mut known: HashSet<Pid> = HashSet::new();
        let mut group_stop = None;
        loop {
            let tids = list_tasks(pid)?;
            let new: Vec<Pid> = tids.into_iter().filter(|t| !known.contains(t)).collect();
            if new.is_empty() {
                break;
            }
            let mut to_wait = Vec::new();
            for tid in new {
                known.insert(tid);
                match ptrace::seize(tid, options) {
                    Ok(()) => {}
                    Err(e) if e.raw_os_error() == Some(libc::ESRCH) => continue,
                    Err(e) if e.raw_os_error() == Some(libc::EPERM) && tid != pid => {
                        // A thread that is exiting (already a zombie) cannot be seized.
                        if read_stat(tid)?.is_none_or(|s| s.state() == 'Z' || s.state() == 'X') {
                            continue;
                        }
                        return Err(describe_seize_failure(pid, tid, e));
                    }
                    Err(e) if e.raw_os_error() == Some(libc::EPERM) && seccomp == 2 => {
                        return Err(FreezeError::Seccomp { pid });
                    }
                    Err(e) => return Err(describe_seize_failure(pid, tid, e)),
                }
                self.seized.push((pid, tid, false));
                match ptrace::interrupt(tid) {
                    Ok(()) => to_wait.push(tid),
                    Err(e) if e.raw_os_error() == Some(libc::ESRCH) => to_wait.push(tid),
                    Err(source) => return Err(FreezeError::Seize { pid, tid, source }),
                }
            }
            for tid in to_wait {
                match wait_for_stop(pid, tid, deadline, timeout)? {
                    Stopped::Yes { group_stop: g } => {
                        self.mark_stopped(tid);
                        group_stop = group_stop.or(g);
                        live.push(tid);
                    }
                    Stopped::Gone => self.seized.retain(|(_, t, _)| *t != tid),
                }
            }
        }
        live.sort_by_key(|t| (*t != pid, *t));
        Ok((live, group_stop))
    }

    fn mark_stopped(&mut self, tid: Pid) {
        if let Some(e) = self.seized.iter_mut().find(|(_, t, _)| *t == tid) {
            e.2 = true;
        }
    }

    /// Number of threads frozen.
    pub fn thread_count(&self) -> usize {
        self.seized.len()
    }

    /// Lets every thread run on exactly as before. Best effort: ptrace can only detach a thread
    /// in a ptrace-stop, so a thread that never reached its stop (one sleeping in a vfork wait,
    /// say) stays attached until the tracer thread (the one that called `freeze`) exits, when
    /// the kernel detaches it.
    pub fn release(&mut self) {
        if self.done {
            return;
        }
        self.done = true;
        for &(pid, tid, stopped) in &self.seized {
            if !stopped {
                // The interrupt is pending: wait (briefly) for the stop so that detach works.
                let deadline = Instant::now() + Duration::from_secs(1);
                let _ = wait_for_stop(pid, tid, deadline, Duration::from_secs(1));
            }
            let _ = ptrace::detach(tid, 0);
        }
    }

    /// Kills every process of the tree (after a successful dump). Like CRIU, this returns once
    /// SIGKILL is pending for every process, which therefore cannot run any more of its code,
    /// without waiting for the kernel to tear it down (freeing gigabytes of memory takes a
    /// while, and nobody needs to wait for it). Their exit notifications go to their parents
    /// as usual once this tracer is gone, or to a caller that waits for them.
    pub fn kill(&mut self) {
        if self.done {
            return;
        }
        self.done = true;
        for p in &self.processes {
            if !p.zombie {
                let _ = ptrace::kill(p.pid, libc::SIGKILL);
            }
        }
    }
}

impl Drop for FrozenTree {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_seccomp_mode() {
        assert_eq!(
            seccomp_mode("Name:\tx\nSeccomp:\t2\nSeccomp_filters:\t1\n"),
            2
        );
        assert_eq!(seccomp_mode("Name:\tx\n"), 0);
    }

    #[test]
    fn kthreadd_is_a_kernel_thread() {
        let stat = read_stat(Pid::new(2).expect("pid 2"))
            .expect("stat")
            .expect("kthreadd exists");
        assert!(is_kernel_thread(&stat));
        let me = read_stat(Pid::this_process()).expect("stat").expect("self");
        assert!(!is_kernel_thread(&me));
    }
}
