//! The conformance-subject protocol (in the spirit of CRIU's zdtm).
//!
//! A subject (`tests/subjects/<name>.c`) sets up its state, writes `READY` to its stdout (a
//! regular file: a pipe to the harness would be outside the dumped tree), and waits for SIGTERM;
//! then it verifies its own state and writes `PASS` (exit 0) or `FAIL: reason` (exit 1).
//!
//! The harness starts the subject as a session leader in a scratch directory, waits for READY,
//! runs `hmcr dump -t PID -D img` (which must kill the whole tree), restores with
//! `hmcr restore -D img --pidfile F` (in the background, as the parent of the restored root, or
//! detached), sends SIGTERM to the restored root and checks PASS and the exit status.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::native_build::subject_bin;
use crate::native_hmcr::Hmcr;
use crate::native_proc::{
    become_subreaper, proc_stat, read_text, send_signal, tree_pids, wait_gone, wait_until,
    CmdOutput, TempDir, TreeGuard,
};

/// How long a subject may take to set itself up.
pub const READY_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a restored subject may take to verify itself and exit after SIGTERM.
pub const VERIFY_TIMEOUT: Duration = Duration::from_secs(60);

/// How to start a subject.
#[derive(Debug, Clone, Default)]
pub struct SubjectOptions {
    /// Arguments after the program name.
    pub args: Vec<String>,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
    /// How long to wait for READY (default `READY_TIMEOUT`).
    pub ready_timeout: Option<Duration>,
    /// A terminal (pty slave path) to open as fd 0 and make the controlling terminal of the
    /// subject's session, as a shell does for a job it starts.
    pub terminal: Option<PathBuf>,
}

/// A running subject and its scratch directory (`cwd/` is its working directory, `img/` the
/// image directory, `stdout`/`stderr` its output). Everything it started is killed on drop.
#[derive(Debug)]
pub struct Subject {
    name: String,
    /// Root pid (the original one, then the restored one).
    pid: i32,
    work: TempDir,
    guard: TreeGuard,
    /// Pids of the tree at READY time.
    tree_at_ready: Vec<i32>,
    /// Send SIGTERM to the restored root only once (see `single_sigterm`).
    single_sigterm: bool,
}

impl Subject {
    /// Compile and start subject `name`, and wait for READY.
    pub fn start(name: &str, opts: &SubjectOptions) -> Subject {
        become_subreaper();
        let bin = subject_bin(name).unwrap_or_else(|e| panic!("building subject {name}: {e}"));
        let work = TempDir::new(name);
        let cwd = work.path().join("cwd");
        std::fs::create_dir_all(&cwd).unwrap_or_else(|e| panic!("creating {}: {e}", cwd.display()));
        let stdout = File::create(work.path().join("stdout"))
            .unwrap_or_else(|e| panic!("creating stdout file: {e}"));
        let stderr = File::create(work.path().join("stderr"))
            .unwrap_or_else(|e| panic!("creating stderr file: {e}"));
        let mut cmd = Command::new(&bin);
        cmd.args(&opts.args)
            .current_dir(&cwd)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr);
        for (k, v) in &opts.env {
            cmd.env(k, v);
        }
        let terminal = opts.terminal.as_ref().map(|p| {
            std::ffi::CString::new(p.as_os_str().as_encoded_bytes())
                .unwrap_or_else(|e| panic!("terminal path {}: {e}", p.display()))
        });
        // SAFETY: setsid, open, ioctl, dup2 and close are async-signal-safe; the path was
        // allocated before the fork and is only read.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if let Some(path) = &terminal {
                    let fd = libc::open(path.as_ptr(), libc::O_RDWR);
                    if fd < 0 || libc::ioctl(fd, libc::TIOCSCTTY, 0) < 0 || libc::dup2(fd, 0) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    libc::close(fd);
                }
                Ok(())
            });
        }
        let mut guard = TreeGuard::new();
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("starting subject {}: {e}", bin.display()));
        let pid = child.id() as i32;
        guard.own_child(child);
        guard.watch_pid(pid);
        let mut s = Subject {
            name: name.to_owned(),
            pid,
            work,
            guard,
            tree_at_ready: Vec::new(),
            single_sigterm: false,
        };
        s.wait_ready(opts.ready_timeout.unwrap_or(READY_TIMEOUT));
        s
    }

    fn wait_ready(&mut self, timeout: Duration) {
        let pid = self.pid;
        let stdout_path = self.stdout_path();
        let mut exited = None;
        let ok = wait_until(timeout, || {
            if read_text(&stdout_path).starts_with("READY\n") {
                return true;
            }
            if let Some(c) = self.guard.take_child(pid as u32) {
                let mut c = c;
                match c.try_wait() {
                    Ok(Some(st)) => {
                        exited = Some(st);
                        return true;
                    }
                    _ => {
                        self.guard.own_child(c);
                    }
                }
            }
            false
        });
        if !ok || exited.is_some() {
            panic!(
                "subject {} (pid {pid}) {} before writing READY\n{}",
                self.name,
                match exited {
                    Some(st) => format!("exited with {st}"),
                    None => format!("did not get ready within {timeout:?}"),
                },
                self.describe()
            );
        }
        self.tree_at_ready = tree_pids(self.pid);
        self.guard.watch_tree(self.pid);
    }

    /// Send SIGTERM to the restored root once, right after the restore reports its pid, and
    /// never again: a restored process must not lose a signal sent as soon as hmcr says it is
    /// running. (By default the harness repeats SIGTERM every 2 s, so that each subject tests
    /// its own feature and not this.)
    pub fn single_sigterm(&mut self) {
        self.single_sigterm = true;
    }

    /// Subject name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Current root pid.
    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Pids of the tree when it became ready.
    pub fn tree_at_ready(&self) -> &[i32] {
        &self.tree_at_ready
    }

    /// The scratch directory.
    pub fn work(&self) -> &Path {
        self.work.path()
    }

    /// The image directory (`work/img`).
    pub fn img(&self) -> PathBuf {
        self.work.path().join("img")
    }

    /// The subject's stdout file.
    pub fn stdout_path(&self) -> PathBuf {
        self.work.path().join("stdout")
    }

    /// The subject's output so far.
    pub fn output(&self) -> String {
        read_text(&self.stdout_path())
    }

    /// The guard that kills the subject's trees.
    pub fn guard(&mut self) -> &mut TreeGuard {
        &mut self.guard
    }

    /// Output and stderr, for messages.
    pub fn describe(&self) -> String {
        format!(
            "--- subject {} stdout ---\n{}\n--- subject stderr ---\n{}",
            self.name,
            self.output(),
            read_text(&self.work.path().join("stderr"))
        )
    }

    /// Dump the subject with `extra` options; asserts success and, unless `--leave-running`
    /// or `-R` is among `extra`, that the whole tree is gone afterwards (reaping what is ours,
    /// so that its pids are free for the restore).
    pub fn dump(&mut self, hmcr: &Hmcr, extra: &[&str]) -> CmdOutput {
        let tree = tree_pids(self.pid);
        let out = hmcr.dump(self.pid, &self.img(), extra);
        assert!(
            out.status.success(),
            "hmcr dump of subject {} (pid {}) failed\n{}\n{}",
            self.name,
            self.pid,
            out.describe(),
            self.describe()
        );
        let leave_running = extra.iter().any(|a| *a == "--leave-running" || *a == "-R");
        if leave_running {
            for &pid in &tree {
                assert!(
                    proc_stat(pid).is_some_and(|s| s.state != 'Z'),
                    "hmcr dump --leave-running: pid {pid} of subject {} is not running any more ({:?})",
                    self.name,
                    proc_stat(pid)
                );
            }
        } else {
            if let Some(mut c) = self.guard.take_child(self.pid as u32) {
                let st = wait_child(&mut c, Duration::from_secs(10)).unwrap_or_else(|e| {
                    panic!(
                        "after a successful hmcr dump, subject {} (pid {}) is still alive: {e}",
                        self.name, self.pid
                    )
                });
                let _ = st;
            }
            for &pid in &tree {
                if let Err(e) = wait_gone(pid, Duration::from_secs(10)) {
                    panic!(
                        "after a successful hmcr dump (which kills the tree), {e}\n{}",
                        out.describe()
                    );
                }
            }
        }
        out
    }

    /// Restore in the background (hmcr stays the parent), SIGTERM the restored root, and check
    /// that it passes its own check and that hmcr exits with the root's status 0.
    pub fn restore_and_check(&mut self, hmcr: &Hmcr, extra: &[&str]) {
        self.restore_with_and_check(hmcr, extra, |c| {
            c.stdin(Stdio::null());
        });
    }

    /// [`Subject::restore_and_check`] with the `hmcr restore` command adjusted by `setup` (for
    /// instance its stdin on a terminal, in a session of its own).
    pub fn restore_with_and_check(
        &mut self,
        hmcr: &Hmcr,
        extra: &[&str],
        setup: impl FnOnce(&mut Command),
    ) {
        let pidfile = self.work.path().join("restore.pid");
        let _ = std::fs::remove_file(&pidfile);
        let before = self.output();
        let mut restore = hmcr.spawn_restore_with(
            &self.img(),
            &pidfile,
            extra,
            &self.work.path().join("restore"),
            setup,
        );
        let pid = restore
            .wait_for_pid(Duration::from_secs(120))
            .unwrap_or_else(|e| {
                panic!("restoring subject {}: {e}\n{}", self.name, self.describe())
            });
        let exact = !extra.iter().any(|a| a.contains("any"));
        if exact {
            assert_eq!(
                pid, self.pid,
                "hmcr restore of subject {} wrote pid {pid} to the pidfile, the original pid was {}",
                self.name, self.pid
            );
        }
        self.pid = pid;
        self.guard.watch_tree(pid);
        let mut last_term: Option<Instant> = None;
        let single = self.single_sigterm;
        let timeout = if single {
            Duration::from_secs(20)
        } else {
            VERIFY_TIMEOUT
        };
        let code = restore.wait(timeout, || {
            // SIGTERM now and again every 2 s: a subject checks a flag before pause(), and the
            // restored one must not miss the request because of that window.
            let again = !single && last_term.is_some_and(|t| t.elapsed() > Duration::from_secs(2));
            if last_term.is_none() || again {
                send_signal(pid, libc::SIGTERM);
                last_term = Some(Instant::now());
            }
        });
        let code = code.unwrap_or_else(|e| {
            panic!(
                "restored subject {} (pid {pid}) did not finish after SIGTERM{}: {e}\n{}\n{}",
                self.name,
                if single {
                    " (sent once, right after the pidfile appeared)"
                } else {
                    ""
                },
                signal_status(pid),
                self.describe()
            )
        });
        self.check_verdict(code, &before, &restore.stderr());
    }

    /// Restore detached (`-d --pidfile`), SIGTERM the restored root and check PASS (and its
    /// exit status when it became our child through the subreaper).
    pub fn restore_detached_and_check(&mut self, hmcr: &Hmcr) {
        let pidfile = self.work.path().join("restore.pid");
        let _ = std::fs::remove_file(&pidfile);
        let before = self.output();
        let pidfile_s = pidfile.display().to_string();
        let out = hmcr.restore_detached(&self.img(), &["--pidfile", &pidfile_s]);
        assert!(
            out.status.success(),
            "hmcr restore -d of subject {} failed\n{}\n{}",
            self.name,
            out.describe(),
            self.describe()
        );
        let pid: i32 = read_text(&pidfile).trim().parse().unwrap_or_else(|_| {
            panic!(
                "hmcr restore -d --pidfile {} exited 0 but the pidfile holds {:?}",
                pidfile.display(),
                read_text(&pidfile)
            )
        });
        if self.single_sigterm {
            // At once: the moment hmcr says the process is running.
            send_signal(pid, libc::SIGTERM);
        }
        assert_eq!(pid, self.pid, "restored pid differs from the original");
        self.pid = pid;
        self.guard.watch_tree(pid);
        assert!(
            self.single_sigterm || proc_stat(pid).is_some_and(|s| s.state != 'Z'),
            "hmcr restore -d exited but the restored root {pid} is not running ({:?})\n{}",
            proc_stat(pid),
            self.describe()
        );
        if !self.single_sigterm {
            send_signal(pid, libc::SIGTERM);
        }
        let deadline = Instant::now()
            + if self.single_sigterm {
                Duration::from_secs(20)
            } else {
                VERIFY_TIMEOUT
            };
        let mut last_term = Instant::now();
        let status = loop {
            match wait_gone(pid, Duration::from_millis(200)) {
                Ok(st) => break st,
                Err(e) if Instant::now() > deadline => panic!(
                    "restored subject {}{}: {e}\n{}\n{}",
                    self.name,
                    if self.single_sigterm {
                        " (SIGTERM sent once, right after hmcr restore -d exited)"
                    } else {
                        ""
                    },
                    signal_status(pid),
                    self.describe()
                ),
                Err(_) => {
                    if !self.single_sigterm && last_term.elapsed() > Duration::from_secs(2) {
                        send_signal(pid, libc::SIGTERM);
                        last_term = Instant::now();
                    }
                }
            }
        };
        let code = match status {
            Some(st) if libc::WIFEXITED(st) => libc::WEXITSTATUS(st),
            Some(st) => 128 + libc::WTERMSIG(st),
            // Reaped by someone else: judge by the output alone.
            None if self.output().ends_with("PASS\n") => 0,
            None => 1,
        };
        self.check_verdict(code, &before, &out.stderr);
    }

    fn check_verdict(&self, code: i32, before: &str, hmcr_stderr: &str) {
        let output = self.output();
        let after = output.get(before.len()..).unwrap_or("");
        assert!(
            before.starts_with("READY\n") && after == "PASS\n" && code == 0,
            "subject {} did not pass after restore (exit status {code}; expected output \
             \"READY\\nPASS\\n\")\n{}\n--- hmcr restore stderr ---\n{hmcr_stderr}",
            self.name,
            self.describe()
        );
    }

    /// Without any dump: SIGTERM the subject and return (exit code, output).
    pub fn terminate_without_dump(&mut self) -> (i32, String) {
        send_signal(self.pid, libc::SIGTERM);
        let mut c = self
            .guard
            .take_child(self.pid as u32)
            .unwrap_or_else(|| panic!("subject {} is not our child", self.name));
        let deadline = Instant::now() + VERIFY_TIMEOUT;
        let mut last_term = Instant::now();
        let st = loop {
            if let Ok(Some(st)) = c.try_wait() {
                break st;
            }
            assert!(
                Instant::now() < deadline,
                "subject {} did not finish within {VERIFY_TIMEOUT:?} after SIGTERM\n{}",
                self.name,
                self.describe()
            );
            if last_term.elapsed() > Duration::from_secs(2) {
                send_signal(self.pid, libc::SIGTERM);
                last_term = Instant::now();
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        (st.code().unwrap_or(-1), self.output())
    }
}

/// Signal-related lines of /proc/PID/status and the wait channel, for messages.
fn signal_status(pid: i32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let wchan = std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
    let lines: Vec<&str> = status
        .lines()
        .filter(|l| {
            [
                "State",
                "PPid",
                "TracerPid",
                "SigPnd",
                "ShdPnd",
                "SigBlk",
                "SigIgn",
                "SigCgt",
            ]
            .iter()
            .any(|k| l.starts_with(k))
        })
        .collect();
    format!("pid {pid} now (wchan {wchan}): {}", lines.join("; "))
}

fn wait_child(
    c: &mut std::process::Child,
    timeout: Duration,
) -> Result<std::process::ExitStatus, String> {
    let deadline = Instant::now() + timeout;
    loop {
        match c.try_wait() {
            Ok(Some(st)) => return Ok(st),
            Ok(None) if Instant::now() > deadline => {
                return Err(format!("still running after {timeout:?}"))
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// The whole protocol for one subject: start, dump, restore (hmcr as parent), verify.
pub fn check_subject(name: &str, opts: &SubjectOptions) {
    crate::native_proc::require_root("the native checkpoint/restore conformance suite");
    let hmcr = Hmcr::new();
    let mut s = Subject::start(name, opts);
    s.dump(&hmcr, &[]);
    s.restore_and_check(&hmcr, &[]);
}

/// Options the `env` subject expects (argv and an environment variable from the harness).
pub fn env_subject_options() -> SubjectOptions {
    SubjectOptions {
        args: vec![
            "first-arg".into(),
            "second arg with spaces".into(),
            String::new(),
        ],
        env: vec![("HMCR_FROM_HARNESS".into(), "harness-value-42".into())],
        ..SubjectOptions::default()
    }
}

/// Every conformance subject, with its options.
pub fn all_subjects() -> Vec<(&'static str, SubjectOptions)> {
    let plain = SubjectOptions::default;
    vec![
        ("env", env_subject_options()),
        ("busyloop_regs", plain()),
        ("sleep", plain()),
        ("mappings", plain()),
        ("fpu", plain()),
        ("sigaltstack", plain()),
        ("pending_signals", plain()),
        ("sigactions", plain()),
        ("sigmask", plain()),
        ("pipes", plain()),
        ("file_offsets", plain()),
        ("deleted_file", plain()),
        ("timers", plain()),
        ("threads", plain()),
        ("zombie", plain()),
        ("session", plain()),
        ("vdso", plain()),
        ("counter", plain()),
    ]
}
