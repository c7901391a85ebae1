//! Cross-ISA end-to-end: real x86_64 programs started normally on this host (no glibc tunables),
//! dumped mid-run with `hmcr dump`, restored with the static aarch64 hmcr under
//! `qemu-aarch64-static` (`hmcr restore -D IMG --target aarch64`: the image runs through the
//! translator), must write exactly the output of an uninterrupted native run and exit 0.
//!
//! Needs root (dump), qemu-aarch64-static, and the aarch64 hmcr in HMCR_AARCH64_BIN_DIR
//! (contrib/test.sh builds it with contrib/build-aarch64.sh). Missing pieces fail the test with
//! the reason.

use std::path::{Path, PathBuf};
use std::process::Command;

use hmcr_tests::native_build::{subject_bin, subjects_dir};
use hmcr_tests::native_hmcr::{BackgroundRestore, Hmcr};
use hmcr_tests::native_proc::require_root;
use hmcr_tests::native_workload::{check_workload_with, RestoreStep, Workload};
use hmcr_tests::xlate_build::require_tool;

/// `qemu-aarch64-static AARCH64_HMCR restore -D IMG --target aarch64 --pidfile PIDFILE`.
struct TranslatedRestore {
    qemu: PathBuf,
    hmcr: PathBuf,
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
        TranslatedRestore { qemu, hmcr }
    }
}

impl RestoreStep for TranslatedRestore {
    fn spawn(&self, img: &Path, pidfile: &Path, log_prefix: &Path) -> BackgroundRestore {
        let mut c = Command::new(&self.qemu);
        c.arg(&self.hmcr)
            .args(["restore", "--target", "aarch64", "-v", "-D"])
            .arg(img)
            .arg("--pidfile")
            .arg(pidfile);
        BackgroundRestore::spawn(c, pidfile, log_prefix)
    }
    fn keeps_pid(&self) -> bool {
        // the guest lives in the restorer process
        false
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

/// Files open across the dump keep their offsets and flags (O_APPEND).
#[test]
fn open_file_offsets_survive() {
    check(c_workload("xe2e_fileoffset", &[], 6));
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
