//! Process plumbing of the native suites: scratch directories, /proc queries, waiting with a
//! bound, running commands with a timeout, and a guard that kills a whole subject tree (every
//! session it created) on every path, so that no test leaks processes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;
use std::time::{Duration, Instant};

/// A scratch directory under `$HMCR_TEST_TMP` (default /tmp), removed on drop unless
/// `HMCR_KEEP_TMP=1` (then its path is printed, for debugging).
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Create a fresh directory named after `label`.
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let base = std::env::var_os("HMCR_TEST_TMP")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = base.join(format!("hmcr-{label}-{}-{n}", std::process::id()));
        // A leftover from a crashed run with the same pid: start clean.
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|e| panic!("creating scratch directory {}: {e}", path.display()));
        TempDir { path }
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("HMCR_KEEP_TMP").is_some_and(|v| v == "1") {
            eprintln!("keeping {}", self.path.display());
            return;
        }
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Fields of /proc/PID/stat that the suites need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcStat {
    /// One-letter state (R, S, Z, t, ...).
    pub state: char,
    /// Parent pid.
    pub ppid: i32,
    /// Process group.
    pub pgid: i32,
    /// Session.
    pub sid: i32,
}

/// Read /proc/PID/stat; None if the process does not exist.
pub fn proc_stat(pid: i32) -> Option<ProcStat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &text[text.rfind(')')? + 2..];
    let mut f = rest.split_whitespace();
    let state = f.next()?.chars().next()?;
    let ppid = f.next()?.parse().ok()?;
    let pgid = f.next()?.parse().ok()?;
    let sid = f.next()?.parse().ok()?;
    Some(ProcStat {
        state,
        ppid,
        pgid,
        sid,
    })
}

/// True if a process (not a zombie) with this pid exists.
pub fn alive(pid: i32) -> bool {
    proc_stat(pid).is_some_and(|s| s.state != 'Z' && s.state != 'X')
}

/// True if anything (even a zombie) holds this pid.
pub fn exists(pid: i32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// Pids of the tree rooted at `root` (root first), from /proc/PID/task/TID/children.
pub fn tree_pids(root: i32) -> Vec<i32> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let pid = out[i];
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
            for task in tasks.flatten() {
                if let Ok(text) = std::fs::read_to_string(task.path().join("children")) {
                    out.extend(
                        text.split_whitespace()
                            .filter_map(|s| s.parse::<i32>().ok()),
                    );
                }
            }
        }
        i += 1;
    }
    out
}

/// Every pid on the system whose session is one of `sids`.
pub fn pids_in_sessions(sids: &[i32]) -> Vec<i32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|&pid| proc_stat(pid).is_some_and(|s| sids.contains(&s.sid)))
        .collect()
}

/// Make this test process the child subreaper of everything it starts: orphans of a killed
/// subject tree come back to it (and are reaped by it), instead of going to a pid 1 that may
/// never reap them and so keep their pids taken. Only specific pids are ever waited for.
pub fn become_subreaper() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: prctl(PR_SET_CHILD_SUBREAPER, 1) takes no pointers.
        let rc = unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
        assert_eq!(
            rc,
            0,
            "prctl(PR_SET_CHILD_SUBREAPER): {}",
            std::io::Error::last_os_error()
        );
    });
}

/// Send a signal; errors (no such process) are ignored.
pub fn send_signal(pid: i32, sig: i32) {
    if pid == 0 || pid == -1 {
        return;
    }
    // SAFETY: kill takes no pointers; pid 0/-1 (whole group / everything) are excluded above.
    unsafe {
        libc::kill(pid, sig);
    }
}

/// Reap `pid` if it is a zombie child of this process; returns its wait status.
pub fn reap_nohang(pid: i32) -> Option<i32> {
    let mut status = 0;
    // SAFETY: status is a valid out pointer for waitpid.
    let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG | libc::__WALL) };
    (r == pid).then_some(status)
}

/// Wait (bounded) for `pid` to be gone from /proc, reaping it if it is our child. Returns its
/// wait status if we reaped it.
pub fn wait_gone(pid: i32, timeout: Duration) -> Result<Option<i32>, String> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(st) = reap_nohang(pid) {
            return Ok(Some(st));
        }
        if !exists(pid) {
            return Ok(None);
        }
        if Instant::now() > deadline {
            return Err(format!(
                "pid {pid} still exists after {timeout:?} (state {:?})",
                proc_stat(pid)
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Poll `cond` every 10 ms until it is true or `timeout` passes.
pub fn wait_until(timeout: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if cond() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Read a file as text ("" if it does not exist).
pub fn read_text(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// Result of a command run to completion.
#[derive(Debug)]
pub struct CmdOutput {
    /// The command line, for messages.
    pub cmd: String,
    /// Exit status.
    pub status: ExitStatus,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Wall-clock time it took.
    pub elapsed: Duration,
}

impl CmdOutput {
    /// Exit code, or 128+signal.
    pub fn code(&self) -> i32 {
        use std::os::unix::process::ExitStatusExt;
        self.status
            .code()
            .unwrap_or_else(|| 128 + self.status.signal().unwrap_or(0))
    }

    /// Everything about the run, for assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "`{}` exited with {} after {:.2?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.cmd, self.status, self.elapsed, self.stdout, self.stderr
        )
    }
}

/// Run a command with stdin from /dev/null, killing it if it takes longer than `timeout`.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> CmdOutput {
    let desc = format!("{cmd:?}");
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {desc}: {e}"));
    // Drain both pipes in threads so a chatty child cannot block.
    let mut out_pipe = child.stdout.take().expect("stdout was piped");
    let mut err_pipe = child.stderr.take().expect("stderr was piped");
    let out_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out_pipe.read_to_end(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err_pipe.read_to_end(&mut s);
        s
    });
    // Block in wait() so the caller learns of the exit at once (a test may act on the very
    // moment a command returns); a watchdog thread kills the command if it overruns.
    let pid = child.id() as i32;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let done = std::sync::Arc::clone(&done);
        std::thread::spawn(move || {
            let deadline = Instant::now() + timeout;
            while !done.load(Ordering::SeqCst) {
                if Instant::now() > deadline {
                    send_signal(pid, libc::SIGKILL);
                    return true;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            false
        })
    };
    let status = child
        .wait()
        .unwrap_or_else(|e| panic!("waiting for {desc}: {e}"));
    done.store(true, Ordering::SeqCst);
    if watchdog.join().unwrap_or(false) {
        let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
        panic!("{desc} did not finish within {timeout:?} (killed, {status}); stderr:\n{stderr}");
    }
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&out_t.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
    CmdOutput {
        cmd: desc,
        status,
        stdout,
        stderr,
        elapsed,
    }
}

/// Kills, on drop, everything a test started: child processes, listed pids, and every process
/// in the sessions the subject trees created (each subject root is a session leader, so its
/// session and the sessions its descendants create never include the test process).
#[derive(Debug, Default)]
pub struct TreeGuard {
    children: Vec<Child>,
    pids: Vec<i32>,
    sids: Vec<i32>,
}

impl TreeGuard {
    /// An empty guard.
    pub fn new() -> TreeGuard {
        TreeGuard::default()
    }

    /// Own a child process (killed and reaped on drop).
    pub fn own_child(&mut self, child: Child) -> &mut Child {
        self.children.push(child);
        self.children.last_mut().expect("just pushed")
    }

    /// Take back an owned child by pid, e.g. to wait for it.
    pub fn take_child(&mut self, pid: u32) -> Option<Child> {
        let i = self.children.iter().position(|c| c.id() == pid)?;
        Some(self.children.remove(i))
    }

    /// Kill this pid on drop (and, for its session, everything in it: see `watch_tree`).
    pub fn watch_pid(&mut self, pid: i32) {
        if pid > 1 && !self.pids.contains(&pid) {
            self.pids.push(pid);
        }
    }

    /// Record the tree rooted at `root` now: its pids and the sessions they lead (only
    /// sessions whose leader is in the tree, never the test process's own session).
    pub fn watch_tree(&mut self, root: i32) {
        // SAFETY: getsid(0) takes no pointers.
        let own_sid = unsafe { libc::getsid(0) };
        let tree = tree_pids(root);
        for &pid in &tree {
            self.watch_pid(pid);
            if let Some(st) = proc_stat(pid) {
                if st.sid > 1
                    && st.sid != own_sid
                    && tree.contains(&st.sid)
                    && !self.sids.contains(&st.sid)
                {
                    self.sids.push(st.sid);
                }
            }
        }
    }

    /// Kill everything now (also done on drop) and reap what is ours.
    pub fn kill_all(&mut self) {
        for _ in 0..3 {
            let mut targets = self.pids.clone();
            targets.extend(pids_in_sessions(&self.sids));
            for c in &self.children {
                targets.push(c.id() as i32);
            }
            for &pid in &targets {
                send_signal(pid, libc::SIGKILL);
            }
            for c in &mut self.children {
                let _ = c.kill();
                let _ = c.wait();
            }
            for &pid in &targets {
                let _ = wait_gone(pid, Duration::from_millis(500));
            }
            if pids_in_sessions(&self.sids).is_empty() {
                break;
            }
        }
        self.children.clear();
    }
}

impl Drop for TreeGuard {
    fn drop(&mut self) {
        self.kill_all();
    }
}

/// True if the test runs as root (needed by the native suites: ptrace of any process, clone3
/// with set_tid, mounts).
pub fn is_root() -> bool {
    // SAFETY: geteuid takes no arguments.
    unsafe { libc::geteuid() == 0 }
}

/// Fail loudly unless root.
pub fn require_root(what: &str) {
    assert!(
        is_root(),
        "{what} needs root (restoring original pids with clone3 set_tid, mounting tmpfs, \
         setuid): run the suite as root, as contrib/test.sh does on CI"
    );
}
