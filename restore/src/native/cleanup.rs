//! What a failed restore leaves behind: nothing. Every process the restore created is recorded
//! here as soon as its pid is known; dropping the record while armed kills them all (SIGKILL
//! works on traced processes too) and reaps the ones we are parent or tracer of. Processes that
//! had not reported yet die with their parent through the parent-death signal set at fork.

use linux_sys::pid::Pid;
use linux_sys::ptrace;

#[derive(Debug, Default)]
pub(crate) struct CreatedTree {
    root: Option<Pid>,
    pids: Vec<Pid>,
    traced: Vec<Pid>,
    disarmed: bool,
}

impl CreatedTree {
    pub fn set_root(&mut self, pid: Pid) {
        self.root = Some(pid);
    }

    pub fn add(&mut self, pid: Pid) {
        self.pids.push(pid);
    }

    pub fn add_traced(&mut self, tid: Pid) {
        self.traced.push(tid);
    }

    /// The tree is running on its own now: keep it.
    pub fn disarm(&mut self) {
        self.disarmed = true;
    }
}

impl Drop for CreatedTree {
    fn drop(&mut self) {
        if self.disarmed {
            return;
        }
        for &pid in self.root.iter().chain(&self.pids) {
            let _ = ptrace::kill(pid, libc::SIGKILL);
        }
        // Reap traced tasks (their exit is reported to us first) and the root (our child).
        for &tid in self.traced.iter().chain(self.root.iter()) {
            for _ in 0..4 {
                match ptrace::wait(tid, false) {
                    Ok(Some(e)) if e.is_gone() => break,
                    Ok(Some(_)) => continue,
                    _ => break,
                }
            }
        }
    }
}
