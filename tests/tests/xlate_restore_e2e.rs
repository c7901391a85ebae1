//! Cross-ISA end-to-end: real x86_64 programs started normally on this host (no glibc tunables),
//! dumped mid-run with `hmcr dump`, restored with the static aarch64 hmcr under
//! `qemu-aarch64-static` (`hmcr restore -D IMG --target aarch64`: the image runs through the
//! translator), must write exactly the output of an uninterrupted native run and exit 0.
//!
//! Needs root (dump), qemu-aarch64-static, and the aarch64 hmcr in HMCR_AARCH64_BIN_DIR
//! (contrib/test.sh builds it with contrib/build-aarch64.sh). Missing pieces fail the test with
//! the reason.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use hmcr_tests::native_build::{subject_bin, subjects_dir};
use hmcr_tests::native_hmcr::{BackgroundRestore, Hmcr};
use hmcr_tests::native_proc::{
    become_subreaper, read_text, require_root, run_with_timeout, wait_until, TempDir, TreeGuard,
};
use hmcr_tests::native_workload::{check_workload_with, RestoreStep, Workload};
use hmcr_tests::xlate_build::require_tool;

/// `qemu-aarch64-static AARCH64_HMCR restore -D IMG --target aarch64 --pidfile PIDFILE`.
struct TranslatedRestore {
    qemu: PathBuf,
    hmcr: PathBuf,
    /// Where the translator of the last spawned restore writes its ISA report.
    isa_report: std::cell::RefCell<Option<PathBuf>>,
}

impl TranslatedRestore {
    fn new() -> TranslatedRestore {
        let qemu = require_tool("qemu-aarch64-static")
            .unwrap_or_else(|e| panic!("the translated restore runs under qemu: {e}"));
        let dir = std::env::var_os("HMCR_AARCH64_BIN_DIR").unwrap_or_else(|| {
            panic!(
                "HMCR_AARCH64_BIN_DIR is not set: build the static aarch64 hmcr with \
                 `HMCR_AARCH64_TARGET_DIR=DIR bash contrib/build-aarch64.sh` and set \
                 HMCR_AARCH64_BIN_DIR=DIR/aarch64-unknown-linux-gnu/release (contrib/test.sh does)"
            )
        });
        let hmcr = PathBuf::from(dir).join("hmcr");
        assert!(
            hmcr.is_file(),
            "the aarch64 hmcr is missing at {}: run contrib/build-aarch64.sh",
            hmcr.display()
        );
        TranslatedRestore {
            qemu,
            hmcr,
            isa_report: std::cell::RefCell::new(None),
        }
    }
}

impl TranslatedRestore {
    /// `qemu-aarch64-static hmcr restore --target aarch64 ARGS...`
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.qemu);
        c.arg(&self.hmcr)
            .args(["restore", "--target", "aarch64"])
            .args(args);
        c
    }
}

impl RestoreStep for TranslatedRestore {
    fn spawn(&self, img: &Path, pidfile: &Path, log_prefix: &Path) -> BackgroundRestore {
        let mut c = self.command(&["-v", "-D"]);
        c.arg(img).arg("--pidfile").arg(pidfile);
        // the translator lists the CPUID features of every instruction it translated
        let report = log_prefix.with_extension("isa");
        let _ = std::fs::remove_file(&report);
        c.env("HMCR_XLATE_ISA_REPORT", &report);
        *self.isa_report.borrow_mut() = Some(report);
        BackgroundRestore::spawn(c, pidfile, log_prefix)
    }
    fn keeps_pid(&self) -> bool {
        // the guest lives in the restorer process
        false
    }
    /// The hot-patch stage ran, and its audit (every code pointer slot of every object decoded
    /// again after the writes) finds no slot still leading to AVX-512/EVEX or XSAVEC code. Slots
    /// whose function only *contains* other paths behind a runtime check (glibc's RTM lock
    /// elision, OpenSSL's own dispatch) are reported as warnings and are not bindings to patch.
    /// Then the translator's ISA report (`HMCR_XLATE_ISA_REPORT`) proves that the restored
    /// guest reached no AVX-family or XSAVEC instruction.
    fn check_log(&self, stderr: &str) -> Result<(), String> {
        let audit = stderr
            .lines()
            .find(|l| l.starts_with("hot-patch audit:"))
            .ok_or("the restore did not report the hot-patch audit")?;
        let bound: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("warning:") && l.contains("still leads to"))
            .filter(|l| l.contains("avx512") || l.contains("xsavec"))
            .collect();
        if !bound.is_empty() {
            return Err(format!(
                "after the hot-patch stage ({audit}) slots still lead to AVX-512 or XSAVEC code:\n{}",
                bound.join("\n")
            ));
        }
        if stderr.contains("_dl_runtime_resolve_xsavec ->")
            && !stderr.contains("-> _dl_runtime_resolve_fxsave")
        {
            return Err("the lazy-binding trampoline was not switched to fxsave".into());
        }
        // and no AVX-family or XSAVEC instruction was reached after the restore
        let report = self
            .isa_report
            .borrow()
            .clone()
            .ok_or("no restore was spawned")?;
        let isa = std::fs::read_to_string(&report).map_err(|e| {
            format!(
                "the translator wrote no ISA report at {}: {e}",
                report.display()
            )
        })?;
        if isa.trim().is_empty() {
            return Err(format!("empty ISA report at {}", report.display()));
        }
        let bad: Vec<&str> = isa
            .lines()
            .filter(|f| f.starts_with("AVX") || f.starts_with("XSAVEC"))
            .collect();
        if !bad.is_empty() {
            return Err(format!(
                "the restored guest reached instructions the target lacks: {bad:?} (ISA report {})",
                report.display()
            ));
        }
        Ok(())
    }
    fn name(&self) -> String {
        format!(
            "{} {} restore --target aarch64",
            self.qemu.display(),
            self.hmcr.display()
        )
    }
}

fn c_workload(name: &str, args: &[&str], dump_after_lines: usize) -> Workload {
    require_root("the translated end-to-end suite");
    let program = subject_bin(name).unwrap_or_else(|e| panic!("building {name}: {e}"));
    Workload {
        name: format!("xlate-{name}"),
        program,
        args: args.iter().map(|s| (*s).to_owned()).collect(),
        dump_after_lines,
    }
}

fn check(w: Workload) {
    let restore = TranslatedRestore::new();
    check_workload_with(&Hmcr::new(), &w, &restore);
}

/// A dynamically linked C program with a 64 MiB heap, rewritten and checksummed each round.
#[test]
fn large_heap_dynamic() {
    check(c_workload("e2e_bigheap", &["64"], 4));
}

/// The same program linked with -static (IRELATIVE-bound string functions, no ld.so).
#[test]
fn large_heap_static() {
    check(c_workload("xe2e_bigheap_static", &["64"], 4));
}

/// printf of doubles and long doubles (x87 state carried across the dump).
#[test]
fn printf_doubles_and_long_doubles() {
    check(c_workload("xe2e_floats", &[], 6));
}

/// The same, linked with -static.
#[test]
fn printf_doubles_and_long_doubles_static() {
    check(c_workload("xe2e_floats_static", &[], 6));
}

/// Files open across the dump keep their offsets and flags (O_APPEND).
#[test]
fn open_file_offsets_survive() {
    check(c_workload("xe2e_fileoffset", &[], 6));
}

/// glibc's vDSO-backed clock calls keep working: intercepted, served by real syscalls (the
/// guest's vDSO code would read vvar, which the restorer maps inaccessible).
#[test]
fn vdso_clock_calls_are_served() {
    check(c_workload("xe2e_clock", &[], 6));
}

/// A SIGALRM handler on an alternate stack, driven by an interval timer that survives the dump.
#[test]
fn timer_signals_on_an_alternate_stack() {
    check(c_workload("xe2e_signals", &[], 6));
}

/// A periodic ITIMER_REAL dumped while its SIGALRM was pending (blocked): the kernel reports
/// such a timer as expired (value 0) until the signal is dequeued, and the restore must still
/// leave it ticking, so the ticks after unblocking arrive.
#[test]
fn an_itimer_waiting_for_its_pending_sigalrm_keeps_ticking() {
    check(c_workload("xe2e_itimer_pending", &[], 6));
}

/// Signals pending (blocked) at the dump are delivered after the restore when unblocked.
#[test]
fn pending_signals_are_delivered_after_restore() {
    check(c_workload("xe2e_pending", &[], 6));
}

/// Signals across the dump: a SA_ONSTACK handler runs on the alternate stack set up before
/// the dump, a SIGSEGV handler skips a faulting load through uc_mcontext, a blocked SIGUSR2
/// stays blocked and is collected with sigtimedwait.
#[test]
fn signals_with_sigaltstack() {
    check(c_workload("xe2e_sigaltstack", &[], 6));
}

/// Four threads moving money on a mutex-protected ledger, dumped mid-run: every image thread is
/// restored on a host thread of its own (TSO-ordered code, image tids kept).
#[test]
fn multi_threaded_mutex_ledger() {
    check(c_workload("xe2e_threads", &[], 5));
}

/// The system's python3 interpreter in the middle of a computation.
#[test]
fn python3_interpreter() {
    require_root("the translated end-to-end suite");
    let python = PathBuf::from("/usr/bin/python3");
    assert!(
        python.exists(),
        "/usr/bin/python3 is missing: this test runs the system's python3 (apt-get install python3)"
    );
    let script = subjects_dir().join("e2e_compute.py");
    check(Workload {
        name: "xlate-python3".to_owned(),
        program: python,
        args: vec!["-u".to_owned(), script.display().to_string()],
        dump_after_lines: 8,
    });
}

/// `restore -d`: the restorer forks, the parent prints the pid of the process now running the
/// guest and exits 0; the guest finishes on its own with the uninterrupted run's output.
struct DetachedTranslatedRestore(TranslatedRestore);

impl RestoreStep for DetachedTranslatedRestore {
    fn spawn(&self, img: &Path, pidfile: &Path, log_prefix: &Path) -> BackgroundRestore {
        // The harness waits for the restore command to end: wait (in sh) for `-d` to return
        // 0 and print the pid the pidfile names, then for that process to be gone (it is
        // re-parented to the test process, a subreaper, so a zombie counts as gone).
        let script = "set -e; p=$(\"$0\" \"$1\" restore --target aarch64 -d -D \"$2\" --pidfile \"$3\"); \
             [ \"$p\" = \"$(cat \"$3\")\" ] || { echo \"-d printed '$p', the pidfile says $(cat \"$3\")\" >&2; exit 97; }; \
             while [ -e /proc/$p ] && ! grep -q ') Z' /proc/$p/stat; do sleep 0.05; done";
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(script)
            .arg(&self.0.qemu)
            .arg(&self.0.hmcr)
            .arg(img)
            .arg(pidfile);
        BackgroundRestore::spawn(c, pidfile, log_prefix)
    }
    fn keeps_pid(&self) -> bool {
        false
    }
    fn name(&self) -> String {
        format!("{} -d", self.0.name())
    }
}

/// `hmcr restore -d --target aarch64` detaches and the guest still ends as an uninterrupted run.
#[test]
fn detached_restore() {
    let w = c_workload("xe2e_floats", &[], 6);
    check_workload_with(
        &Hmcr::new(),
        &w,
        &DetachedTranslatedRestore(TranslatedRestore::new()),
    );
}

/// Starts `program args` (output to files in `work`), waits for `lines` lines and dumps it.
fn dumped(
    work: &TempDir,
    program: &Path,
    args: &[&str],
    lines: usize,
    guard: &mut TreeGuard,
) -> PathBuf {
    become_subreaper();
    let out = work.path().join("out");
    let child = Command::new(program)
        .args(args)
        .current_dir(work.path())
        .stdin(Stdio::null())
        .stdout(File::create(&out).expect("creating the output file"))
        .stderr(File::create(work.path().join("err")).expect("creating the error file"))
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", program.display()));
    let pid = child.id() as i32;
    guard.own_child(child);
    assert!(
        wait_until(Duration::from_secs(60), || read_text(&out).lines().count()
            >= lines),
        "{} did not print {lines} lines",
        program.display()
    );
    guard.watch_tree(pid);
    let img = work.path().join("img");
    let d = Hmcr::new().dump(pid, &img, &[]);
    assert!(d.status.success(), "dump failed\n{}", d.describe());
    img
}

/// A tree of processes is refused before anything is mapped, with a message that says why.
#[test]
fn a_process_tree_is_refused_clearly() {
    let w = c_workload("e2e_pipes", &[], 0);
    let r = TranslatedRestore::new();
    let work = TempDir::new("xlate-tree");
    let mut guard = TreeGuard::new();
    // Far more batches than the test needs: the tree must still be running when the dump comes,
    // however slow a loaded machine makes that (the 40-batch default ends in about 1.3 s).
    let img = dumped(&work, &w.program, &["100000"], 2, &mut guard);
    let mut c = r.command(&["-D"]);
    c.arg(&img);
    let out = run_with_timeout(&mut c, Duration::from_secs(120));
    assert_eq!(out.code(), 1, "{}", out.describe());
    assert!(
        out.stderr
            .contains("translated restore runs a single process"),
        "{}",
        out.describe()
    );
}

/// Runs `program args` until `lines` lines, dumps it, restores it translated and returns the
/// restore's exit status (128 + N when killed by signal N) and its output file.
fn restored_status(name: &str, args: &[&str], lines: usize) -> (i32, String) {
    let w = c_workload(name, &[], 0);
    let r = TranslatedRestore::new();
    let work = TempDir::new(&format!("xlate-{name}-{}", args.join("-")));
    let mut guard = TreeGuard::new();
    become_subreaper();
    let out = work.path().join("out");
    let child = Command::new(&w.program)
        .args(args)
        .current_dir(work.path())
        .stdin(Stdio::null())
        .stdout(File::create(&out).expect("creating the output file"))
        .stderr(File::create(work.path().join("err")).expect("creating the error file"))
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", w.program.display()));
    let pid = child.id() as i32;
    guard.own_child(child);
    assert!(
        wait_until(Duration::from_secs(60), || read_text(&out).lines().count()
            >= lines),
        "{name} did not print {lines} lines"
    );
    guard.watch_tree(pid);
    let img = work.path().join("img");
    let d = Hmcr::new().dump(pid, &img, &[]);
    assert!(d.status.success(), "dump failed\n{}", d.describe());
    let mut c = r.command(&["-D"]);
    c.arg(&img);
    let res = run_with_timeout(&mut c, Duration::from_secs(120));
    (res.code(), read_text(&out))
}

/// `hmcr restore` exits with the guest's exit status, or 128 + N when a signal N killed it.
#[test]
fn the_restore_ends_like_the_guest() {
    let (code, out) = restored_status("xe2e_status", &["7"], 3);
    assert_eq!(code, 7, "exit status of the restored guest; output:\n{out}");
    assert!(out.ends_with("line 19\n"), "{out}");
    let (code, out) = restored_status("xe2e_status", &["signal"], 3);
    assert_eq!(
        code,
        128 + libc::SIGTERM,
        "killed by SIGTERM; output:\n{out}"
    );
    assert!(out.ends_with("line 19\n"), "{out}");
}
