//! The native checkpoint/restore benchmark (`hmcr-bench-native`): processes with 64 MiB,
//! 512 MiB and 2 GiB of touched, non-zero memory are dumped and restored with the real `hmcr`;
//! it reports medians of dump time, frozen time, restore time, image size and hmcr's own peak
//! RSS, next to the CRIU 4.2 reference of issue 3.
//!
//! Timings are wall-clock from starting `hmcr` to its exit. Frozen time comes from the image's
//! `stats-dump` (through `hmcr show --json`). Peak RSS is `ru_maxrss` of the `hmcr` process
//! itself (wait4 on it); restore runs detached (`-d`) so that the restored process, which
//! `hmcr restore` would otherwise wait for, is not counted.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::native_hmcr::Hmcr;
use crate::native_proc::{read_text, send_signal, wait_gone};
use crate::native_subject::{Subject, SubjectOptions};

/// One measured run of `hmcr`.
#[derive(Debug, Clone)]
pub struct Measured {
    /// Exit code (128+signal if killed).
    pub code: i32,
    /// Wall-clock time.
    pub wall: Duration,
    /// Peak resident set of the hmcr process, KiB.
    pub maxrss_kib: u64,
    /// Its stderr.
    pub stderr: String,
}

/// Run a command to completion and measure it with wait4.
pub fn run_measured(cmd: &mut Command) -> Measured {
    let desc = format!("{cmd:?}");
    let err_file = tempfile_path("stderr");
    let err = std::fs::File::create(&err_file)
        .unwrap_or_else(|e| panic!("creating {}: {e}", err_file.display()));
    let start = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("starting {desc}: {e}"));
    let pid = child.id() as i32;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: status and ru are valid out pointers; pid is our child (std has not reaped it).
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    let wall = start.elapsed();
    assert_eq!(
        r,
        pid,
        "wait4 on {desc}: {}",
        std::io::Error::last_os_error()
    );
    std::mem::forget(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    let stderr = read_text(&err_file);
    let _ = std::fs::remove_file(&err_file);
    Measured {
        code,
        wall,
        maxrss_kib: u64::try_from(ru.ru_maxrss).unwrap_or(0),
        stderr,
    }
}

fn tempfile_path(label: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    std::env::temp_dir().join(format!(
        "hmcr-bench-{label}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Apparent size of every file in a directory (flat), bytes.
pub fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// A `"key": number` (or `"key": "number"`) value anywhere in a JSON text.
pub fn json_u64(json: &str, key: &str) -> Option<u64> {
    let pat = format!("\"{key}\"");
    let at = json.find(&pat)? + pat.len();
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"').unwrap_or(rest);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Figures of one dump + restore.
#[derive(Debug, Clone)]
pub struct RunFigures {
    /// hmcr dump wall time.
    pub dump: Duration,
    /// Frozen time from stats-dump, if reported.
    pub frozen: Option<Duration>,
    /// hmcr restore -d wall time.
    pub restore: Duration,
    /// Image directory size, bytes.
    pub image_bytes: u64,
    /// Peak RSS of hmcr dump, KiB.
    pub dump_rss_kib: u64,
    /// Peak RSS of hmcr restore, KiB.
    pub restore_rss_kib: u64,
}

/// Dump and restore one process of `mib` MiB with images under `images_base`.
pub fn measure_once(hmcr: &Hmcr, mib: usize, images_base: &Path) -> Result<RunFigures, String> {
    let mut s = Subject::start(
        "bench_mem",
        &SubjectOptions {
            args: vec![mib.to_string()],
            ready_timeout: Some(Duration::from_secs(300)),
            ..SubjectOptions::default()
        },
    );
    let pid = s.pid();
    let img_parent = TempDirIn::new(images_base, &format!("bench-{mib}"));
    let img = img_parent.path.join("img");
    let tree = s.tree_at_ready().to_vec();
    let dump = run_measured(
        hmcr.command(["dump", "-t", &pid.to_string(), "-D"])
            .arg(&img)
            .arg("--display-stats"),
    );
    if dump.code != 0 {
        return Err(format!(
            "hmcr dump of {mib} MiB failed ({}):\n{}",
            dump.code, dump.stderr
        ));
    }
    if let Some(mut c) = s.guard().take_child(pid as u32) {
        let _ = c.wait();
    }
    for &p in &tree {
        wait_gone(p, Duration::from_secs(10)).map_err(|e| format!("after hmcr dump: {e}"))?;
    }
    let image_bytes = dir_size(&img);
    let show = hmcr
        .command(["show", "--json", "-D"])
        .arg(&img)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let frozen = json_u64(&show, "frozen_time_us")
        .or_else(|| json_u64(&show, "frozenTimeUs"))
        .map(Duration::from_micros);
    let pidfile = img_parent.path.join("restore.pid");
    let restore = run_measured(
        hmcr.command(["restore", "-d", "-D"])
            .arg(&img)
            .arg("--pidfile")
            .arg(&pidfile),
    );
    if restore.code != 0 {
        return Err(format!(
            "hmcr restore of {mib} MiB failed ({}):\n{}",
            restore.code, restore.stderr
        ));
    }
    let rpid: i32 = read_text(&pidfile)
        .trim()
        .parse()
        .map_err(|_| format!("hmcr restore -d wrote no pid to {}", pidfile.display()))?;
    s.guard().watch_tree(rpid);
    send_signal(rpid, libc::SIGTERM);
    if wait_gone(rpid, Duration::from_secs(20)).is_err() {
        // A SIGTERM sent right after `hmcr restore -d` exited had no effect: say so (it is a
        // restore bug worth knowing), then ask again so the figures can still be collected.
        let status = std::fs::read_to_string(format!("/proc/{rpid}/status")).unwrap_or_default();
        let wchan = std::fs::read_to_string(format!("/proc/{rpid}/wchan")).unwrap_or_default();
        eprintln!(
            "warning: the restored {mib} MiB process {rpid} ignored a SIGTERM sent right after hmcr restore -d exited (wchan {wchan}); status:\n{}",
            status
                .lines()
                .filter(|l| ["State", "PPid", "TracerPid", "SigPnd", "ShdPnd", "SigBlk", "SigCgt"]
                    .iter()
                    .any(|k| l.starts_with(k)))
                .collect::<Vec<_>>()
                .join("\n")
        );
        send_signal(rpid, libc::SIGTERM);
        wait_gone(rpid, Duration::from_secs(120)).map_err(|e| format!("restored process: {e}"))?;
    }
    let out = s.output();
    if !out.ends_with("PASS\n") {
        return Err(format!(
            "the restored {mib} MiB process failed its memory check:\n{out}"
        ));
    }
    Ok(RunFigures {
        dump: dump.wall,
        frozen,
        restore: restore.wall,
        image_bytes,
        dump_rss_kib: dump.maxrss_kib,
        restore_rss_kib: restore.maxrss_kib,
    })
}

/// A directory under a chosen base (e.g. /dev/shm), removed on drop.
struct TempDirIn {
    path: PathBuf,
}

impl TempDirIn {
    fn new(base: &Path, label: &str) -> TempDirIn {
        let path = base.join(format!("hmcr-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        TempDirIn { path }
    }
}

impl Drop for TempDirIn {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Median of some durations.
pub fn median_duration(mut v: Vec<Duration>) -> Option<Duration> {
    v.sort();
    v.get(v.len() / 2).copied()
}

/// Median of some numbers.
pub fn median_u64(mut v: Vec<u64>) -> Option<u64> {
    v.sort_unstable();
    v.get(v.len() / 2).copied()
}

/// CRIU 4.2 reference from issue 3 for a size, as text (dump, restore).
pub fn criu_reference(mib: usize) -> (&'static str, &'static str) {
    match mib {
        512 => ("0.26-0.47 s", "0.39-0.43 s"),
        2048 => ("1.26-1.67 s", "1.16-1.89 s"),
        _ => ("-", "-"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_are_found_quoted_or_not() {
        assert_eq!(
            json_u64(r#"{"a": {"frozen_time_us": "1234"}}"#, "frozen_time_us"),
            Some(1234)
        );
        assert_eq!(
            json_u64(r#"{"frozen_time_us":99,"x":1}"#, "frozen_time_us"),
            Some(99)
        );
        assert_eq!(json_u64(r#"{"other": 1}"#, "frozen_time_us"), None);
    }

    #[test]
    fn medians() {
        assert_eq!(median_u64(vec![5, 1, 3]), Some(3));
        assert_eq!(median_u64(Vec::new()), None);
        let d = |ms| Duration::from_millis(ms);
        assert_eq!(
            median_duration(vec![d(30), d(10), d(20), d(40)]),
            Some(d(30))
        );
    }
}
