//! Running the real `hmcr` binary from the native suites: `hmcr dump`, and `hmcr restore`
//! either detached or in the background as the parent of the restored root.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::native_build::hmcr_bin;
use crate::native_proc::{read_text, run_with_timeout, CmdOutput};

/// How long a dump or a detached restore may take in the suites before it counts as hung.
pub const HMCR_TIMEOUT: Duration = Duration::from_secs(120);

/// The `hmcr` binary under test.
#[derive(Debug, Clone)]
pub struct Hmcr {
    bin: PathBuf,
}

impl Hmcr {
    /// Build (if needed) and locate `hmcr`; panics with the build error.
    pub fn new() -> Hmcr {
        let bin = hmcr_bin().unwrap_or_else(|e| panic!("cannot get the hmcr binary: {e}"));
        Hmcr { bin }
    }

    /// Path of the binary.
    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// A `hmcr` command with the given arguments.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut c = Command::new(&self.bin);
        c.args(args);
        c
    }

    /// `hmcr dump -t PID -D DIR EXTRA...`, run to completion.
    pub fn dump(&self, pid: i32, dir: &Path, extra: &[&str]) -> CmdOutput {
        let mut c = self.command(["dump", "-t", &pid.to_string(), "-D"]);
        c.arg(dir).args(extra);
        run_with_timeout(&mut c, HMCR_TIMEOUT)
    }

    /// `hmcr restore -D DIR -d EXTRA...`, run to completion.
    pub fn restore_detached(&self, dir: &Path, extra: &[&str]) -> CmdOutput {
        let mut c = self.command(["restore", "-d", "-D"]);
        c.arg(dir).args(extra);
        run_with_timeout(&mut c, HMCR_TIMEOUT)
    }

    /// Start `hmcr restore -D DIR --pidfile PIDFILE EXTRA...` in the background (it stays the
    /// parent of the restored root); its stdout and stderr go to `log_prefix.{out,err}`.
    pub fn spawn_restore(
        &self,
        dir: &Path,
        pidfile: &Path,
        extra: &[&str],
        log_prefix: &Path,
    ) -> BackgroundRestore {
        self.spawn_restore_with(dir, pidfile, extra, log_prefix, |c| {
            c.stdin(Stdio::null());
        })
    }

    /// [`Hmcr::spawn_restore`] with the command adjusted by `setup` first (its stdin, a session
    /// of its own...); stdout and stderr still go to `log_prefix.{out,err}`.
    pub fn spawn_restore_with(
        &self,
        dir: &Path,
        pidfile: &Path,
        extra: &[&str],
        log_prefix: &Path,
        setup: impl FnOnce(&mut Command),
    ) -> BackgroundRestore {
        let mut c = self.command(["restore", "-D"]);
        c.arg(dir).arg("--pidfile").arg(pidfile).args(extra);
        setup(&mut c);
        BackgroundRestore::spawn_as_is(c, pidfile, log_prefix)
    }
}

impl Default for Hmcr {
    fn default() -> Self {
        Hmcr::new()
    }
}

/// A `hmcr restore` running in the background. Killed on drop if still running.
#[derive(Debug)]
pub struct BackgroundRestore {
    child: Option<Child>,
    desc: String,
    pidfile: PathBuf,
    out_path: PathBuf,
    err_path: PathBuf,
}

impl BackgroundRestore {
    /// Starts `cmd` (a restore that writes `pidfile`) in the background; its stdout and stderr
    /// go to `log_prefix.{out,err}`.
    pub fn spawn(mut cmd: Command, pidfile: &Path, log_prefix: &Path) -> BackgroundRestore {
        cmd.stdin(Stdio::null());
        BackgroundRestore::spawn_as_is(cmd, pidfile, log_prefix)
    }

    /// [`BackgroundRestore::spawn`] with `cmd`'s stdin left as the caller set it.
    pub fn spawn_as_is(mut cmd: Command, pidfile: &Path, log_prefix: &Path) -> BackgroundRestore {
        let out_path = log_prefix.with_extension("out");
        let err_path = log_prefix.with_extension("err");
        let out = File::create(&out_path)
            .unwrap_or_else(|e| panic!("creating {}: {e}", out_path.display()));
        let err = File::create(&err_path)
            .unwrap_or_else(|e| panic!("creating {}: {e}", err_path.display()));
        let desc = format!("{cmd:?}");
        let child = cmd
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {desc}: {e}"));
        BackgroundRestore {
            child: Some(child),
            desc,
            pidfile: pidfile.to_path_buf(),
            out_path,
            err_path,
        }
    }

    /// The command line.
    pub fn desc(&self) -> &str {
        &self.desc
    }

    /// hmcr's stderr so far.
    pub fn stderr(&self) -> String {
        read_text(&self.err_path)
    }

    /// hmcr's stdout so far.
    pub fn stdout(&self) -> String {
        read_text(&self.out_path)
    }

    /// Wait (bounded) until the pidfile holds the restored root's pid. If hmcr exits first,
    /// returns Err with its status and stderr.
    pub fn wait_for_pid(&mut self, timeout: Duration) -> Result<i32, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(pid) = read_text(&self.pidfile).trim().parse::<i32>() {
                // Read it again a moment later, so a write in progress is not taken half-done.
                std::thread::sleep(Duration::from_millis(20));
                if read_text(&self.pidfile).trim().parse::<i32>() == Ok(pid) {
                    return Ok(pid);
                }
            }
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(st)) = child.try_wait() {
                    let text = read_text(&self.pidfile);
                    if let Ok(pid) = text.trim().parse::<i32>() {
                        return Ok(pid);
                    }
                    return Err(format!(
                        "{} exited with {st} before writing the pidfile {}\n--- stderr ---\n{}",
                        self.desc,
                        self.pidfile.display(),
                        self.stderr()
                    ));
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "{} did not write the pidfile {} within {timeout:?}\n--- stderr ---\n{}",
                    self.desc,
                    self.pidfile.display(),
                    self.stderr()
                ));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Poll for hmcr's exit; calls `tick` every 10 ms while it runs (e.g. to resend SIGTERM).
    /// Returns the exit code (128+signal if killed) or Err on timeout.
    pub fn wait(&mut self, timeout: Duration, mut tick: impl FnMut()) -> Result<i32, String> {
        use std::os::unix::process::ExitStatusExt;
        let deadline = Instant::now() + timeout;
        let Some(child) = self.child.as_mut() else {
            return Err("already waited for".to_owned());
        };
        loop {
            match child.try_wait() {
                Ok(Some(st)) => {
                    self.child = None;
                    return Ok(st.code().unwrap_or_else(|| 128 + st.signal().unwrap_or(0)));
                }
                Ok(None) if Instant::now() > deadline => {
                    return Err(format!(
                        "{} still running after {timeout:?}\n--- stderr ---\n{}",
                        self.desc,
                        self.stderr()
                    ));
                }
                Ok(None) => {
                    tick();
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(format!("waiting for {}: {e}", self.desc)),
            }
        }
    }
}

impl Drop for BackgroundRestore {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}
