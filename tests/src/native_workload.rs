//! End-to-end workloads: a real program is run once uninterrupted, then again dumped mid-run
//! with `hmcr dump` and restored with `hmcr restore`; both runs must write exactly the same
//! output file.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::native_hmcr::{BackgroundRestore, Hmcr};
use crate::native_proc::{
    become_subreaper, read_text, tree_pids, wait_gone, wait_until, TempDir, TreeGuard,
};

/// How long one uninterrupted run may take.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(180);

/// A program to run: executable and arguments.
#[derive(Debug, Clone)]
pub struct Workload {
    /// Name, for messages and the scratch directory.
    pub name: String,
    /// Executable.
    pub program: PathBuf,
    /// Arguments.
    pub args: Vec<String>,
    /// Dump once the output has at least this many lines.
    pub dump_after_lines: usize,
}

fn spawn(w: &Workload, cwd: &Path, out: &Path, guard: &mut TreeGuard) -> i32 {
    let stdout = File::create(out).unwrap_or_else(|e| panic!("creating {}: {e}", out.display()));
    let stderr_path = out.with_extension("err");
    let stderr = File::create(&stderr_path)
        .unwrap_or_else(|e| panic!("creating {}: {e}", stderr_path.display()));
    let mut cmd = Command::new(&w.program);
    cmd.args(&w.args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    // SAFETY: setsid is async-signal-safe and touches no memory of the parent.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", w.program.display()));
    let pid = child.id() as i32;
    guard.own_child(child);
    guard.watch_pid(pid);
    guard.watch_tree(pid);
    pid
}

fn wait_exit(guard: &mut TreeGuard, pid: i32, timeout: Duration, what: &str) -> i32 {
    let mut c = guard
        .take_child(pid as u32)
        .unwrap_or_else(|| panic!("{what}: pid {pid} is not our child"));
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(Some(st)) = c.try_wait() {
            return st.code().unwrap_or(-1);
        }
        if Instant::now() > deadline {
            let _ = c.kill();
            let _ = c.wait();
            panic!("{what} did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// First line where two outputs differ, for messages.
fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}: uninterrupted {x:?}, restored {y:?}", i + 1);
        }
    }
    format!(
        "uninterrupted output has {} lines, restored output {} lines",
        a.lines().count(),
        b.lines().count()
    )
}

/// How a dumped image is brought back.
pub trait RestoreStep {
    /// Starts restoring `img` in the background; the restore writes the restored root's pid to
    /// `pidfile`, its own output goes to `log_prefix.{out,err}`.
    fn spawn(&self, img: &Path, pidfile: &Path, log_prefix: &Path) -> BackgroundRestore;
    /// Whether the restored root has the pid it was dumped with.
    fn keeps_pid(&self) -> bool;
    /// For messages.
    fn name(&self) -> String;
}

/// `hmcr restore -D IMG` on this host.
pub struct NativeRestore<'a>(pub &'a Hmcr);

impl RestoreStep for NativeRestore<'_> {
    fn spawn(&self, img: &Path, pidfile: &Path, log_prefix: &Path) -> BackgroundRestore {
        self.0.spawn_restore(img, pidfile, &[], log_prefix)
    }
    fn keeps_pid(&self) -> bool {
        true
    }
    fn name(&self) -> String {
        "hmcr restore".into()
    }
}

/// Run `w` uninterrupted, then dumped after `dump_after_lines` lines and restored; the two
/// output files must be identical and both runs must exit 0.
pub fn check_workload(hmcr: &Hmcr, w: &Workload) {
    check_workload_with(hmcr, w, &NativeRestore(hmcr));
}

/// [`check_workload`] with the restore done by `restore`.
pub fn check_workload_with(hmcr: &Hmcr, w: &Workload, restore: &dyn RestoreStep) {
    become_subreaper();
    let work = TempDir::new(&w.name);
    let mut guard = TreeGuard::new();

    let reference = work.path().join("uninterrupted.out");
    let pid = spawn(w, work.path(), &reference, &mut guard);
    let code = wait_exit(
        &mut guard,
        pid,
        RUN_TIMEOUT,
        &format!("uninterrupted run of {}", w.name),
    );
    let expected = read_text(&reference);
    assert!(
        code == 0,
        "uninterrupted run of {} exited with {code}\n{expected}\n--- stderr ---\n{}",
        w.name,
        read_text(&reference.with_extension("err"))
    );
    let total_lines = expected.lines().count();
    assert!(
        total_lines > w.dump_after_lines + 2,
        "workload {} prints only {total_lines} lines; it cannot be dumped after line {}",
        w.name,
        w.dump_after_lines
    );

    let out = work.path().join("restored.out");
    let pid = spawn(w, work.path(), &out, &mut guard);
    let ok = wait_until(RUN_TIMEOUT, || {
        read_text(&out).lines().count() >= w.dump_after_lines
    });
    assert!(
        ok,
        "workload {} did not print {} lines in time",
        w.name, w.dump_after_lines
    );
    let tree = tree_pids(pid);
    guard.watch_tree(pid);
    let img = work.path().join("img");
    let dump = hmcr.dump(pid, &img, &[]);
    let printed_at_dump = read_text(&out).lines().count();
    assert!(
        dump.status.success(),
        "hmcr dump of workload {} (pid {pid}) failed\n{}",
        w.name,
        dump.describe()
    );
    assert!(
        printed_at_dump < total_lines,
        "workload {} had already finished when it was dumped: the test proves nothing",
        w.name
    );
    if let Some(mut c) = guard.take_child(pid as u32) {
        let _ = c.wait();
    }
    for &p in &tree {
        if let Err(e) = wait_gone(p, Duration::from_secs(10)) {
            panic!(
                "after hmcr dump of workload {} (which kills the tree): {e}",
                w.name
            );
        }
    }

    let pidfile = work.path().join("restore.pid");
    let step = restore;
    let mut restore = step.spawn(&img, &pidfile, &work.path().join("restore"));
    let rpid = restore
        .wait_for_pid(Duration::from_secs(120))
        .unwrap_or_else(|e| panic!("restoring workload {} with {}: {e}", w.name, step.name()));
    if step.keeps_pid() {
        assert_eq!(
            rpid, pid,
            "workload {} restored under pid {rpid}, it had pid {pid}",
            w.name
        );
    }
    guard.watch_tree(rpid);
    let code = restore
        .wait(RUN_TIMEOUT, || {})
        .unwrap_or_else(|e| panic!("restored workload {}: {e}", w.name));
    let got = read_text(&out);
    assert!(
        code == 0 && got == expected,
        "restored workload {} (dumped after {printed_at_dump} of {total_lines} lines) exited with \
         {code} after {}; output {}\n--- restore stderr ---\n{}\n--- workload stderr ---\n{}",
        w.name,
        step.name(),
        if got == expected {
            "identical".to_owned()
        } else {
            format!("differs: {}", first_difference(&expected, &got))
        },
        restore.stderr(),
        read_text(&out.with_extension("err"))
    );
}
