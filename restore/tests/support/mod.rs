//! Shared by the round-trip tests: the `hmcr` binary, C subject programs compiled with gcc into
//! a per-test directory, and small waits with timeouts (a hang fails the test with a reason).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// `HMCR_BIN` when set; otherwise `cargo build -p hmcr` into this test's target directory.
pub fn hmcr() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(p) = std::env::var_os("HMCR_BIN") {
            return PathBuf::from(p);
        }
        let exe = std::env::current_exe().expect("test executable path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>/deps layout");
        let target = profile_dir.parent().expect("target dir");
        let release = profile_dir.file_name().is_some_and(|n| n == "release");
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.args(["build", "-q", "-p", "hmcr", "--target-dir"])
            .arg(target);
        if release {
            cmd.arg("--release");
        }
        let out = cmd.output().expect("running cargo build -p hmcr");
        assert!(
            out.status.success(),
            "cargo build -p hmcr failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bin = profile_dir.join("hmcr");
        assert!(
            bin.exists(),
            "cargo built hmcr but {} is missing",
            bin.display()
        );
        bin
    })
    .clone()
}

/// A fresh directory for one test.
pub fn test_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hmcr-restore-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("creating the test directory");
    d
}

/// Compiles `tests/programs/<name>.c` into `dir`.
pub fn compile(name: &str, dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/programs")
        .join(format!("{name}.c"));
    let bin = dir.join(name);
    let out = Command::new("gcc")
        .args(["-O1", "-pthread", "-o"])
        .arg(&bin)
        .arg(&src)
        .output()
        .expect("gcc is needed for the restore tests (contrib/setup.sh installs it)");
    assert!(
        out.status.success(),
        "gcc {}: {}",
        src.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    bin
}

/// Starts a subject with no terminal: stdin/stdout/stderr on /dev/null.
pub fn spawn(bin: &Path, args: &[&str]) -> Child {
    Command::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting the subject")
}

pub fn wait_until(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

pub fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// `hmcr dump -t PID -D DIR EXTRA...`; panics with its stderr when it fails.
pub fn dump(pid: u32, dir: &Path, extra: &[&str]) {
    let out = Command::new(hmcr())
        .args(["dump", "-t", &pid.to_string(), "-D"])
        .arg(dir)
        .args(extra)
        .output()
        .expect("running hmcr dump");
    assert!(
        out.status.success(),
        "hmcr dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `hmcr restore -D DIR EXTRA...` run to completion.
pub fn restore_output(dir: &Path, extra: &[&str]) -> Output {
    Command::new(hmcr())
        .args(["restore", "-D"])
        .arg(dir)
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .expect("running hmcr restore")
}

/// `hmcr restore -D DIR --pidfile PIDFILE EXTRA...` in the background (it stays the parent of
/// the restored root).
pub fn spawn_restore(dir: &Path, pidfile: &Path, extra: &[&str]) -> Child {
    Command::new(hmcr())
        .args(["restore", "-D"])
        .arg(dir)
        .arg("--pidfile")
        .arg(pidfile)
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting hmcr restore")
}

/// Waits for a child with a timeout; kills it and panics when it hangs.
pub fn wait_child(child: &mut Child, timeout: Duration, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().expect("waiting for a child") {
            return st;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

pub fn read_pid(pidfile: &Path) -> u32 {
    wait_until("the pidfile", Duration::from_secs(30), || {
        std::fs::read_to_string(pidfile).is_ok_and(|s| s.ends_with('\n'))
    });
    std::fs::read_to_string(pidfile)
        .expect("reading the pidfile")
        .trim()
        .parse()
        .expect("a pid in the pidfile")
}

pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

pub fn kill(pid: u32) {
    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
}

/// Every file of an image directory with its contents, to show restore never changes them.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("listing the image")
        .map(|e| {
            let e = e.expect("dir entry");
            let name = e.file_name().to_string_lossy().into_owned();
            (
                name,
                std::fs::read(e.path()).expect("reading an image file"),
            )
        })
        .collect();
    v.sort();
    v
}
